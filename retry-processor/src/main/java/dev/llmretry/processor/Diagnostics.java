package dev.llmretry.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports checks to the compiler as {@code [LLMR-xxx] rule. fix}, attached to the element, the annotation mirror and
 * the annotation value, so an IDE underlines the attribute itself. Warnings honour {@code @SuppressWarnings} on the
 * element or any enclosing element. Not thread-safe (one per processor, like the {@link Messager}).
 *
 * <pre>{@code
 * diagnostics.report(Check.MAX_ATTEMPTS, site, "maxAttempts",
 *         "@LlmRetry: maxAttempts was 0, must be >= 1. Use 1 for a single attempt.");
 * }</pre>
 */
final class Diagnostics {
    private final Messager messager;

    Diagnostics(Messager messager) {
        this.messager = messager;
    }

    /** Reports on the annotation, underlining {@code attribute} when it was written (else the whole annotation). */
    void report(Check check, Site site, String attribute, String message) {
        report(check, site, attribute == null ? null : site.value(attribute), message);
    }

    /** Reports on one value of the annotation (an array entry, for instance). */
    void report(Check check, Site site, AnnotationValue value, String message) {
        if (isSuppressed(check, site.element())) return;
        messager.printMessage(check.kind(), format(check, message), site.element(), site.mirror(), value);
    }

    /** Reports on an element without an annotation of its own (a method under a type-level annotation). */
    void report(Check check, Element element, String message) {
        if (isSuppressed(check, element)) return;
        messager.printMessage(check.kind(), format(check, message), element);
    }

    /** Reports a problem that belongs to no element (retry.yaml itself when nothing is annotated yet). */
    void report(Check check, String message) {
        messager.printMessage(check.kind(), format(check, message));
    }

    /** A bug in the processor: reported as a warning with the stack trace's top, never thrown into javac. */
    void internalError(Element element, Throwable bug) {
        StringWriter trace = new StringWriter();
        bug.printStackTrace(new PrintWriter(trace));
        String top = Arrays.stream(trace.toString().split("\\R")).limit(8).reduce((a, b) -> a + "\n" + b).orElse("");
        String message = "the llm-retry processor failed on this element and skipped its checks. Please report this at "
                + "the llm-retry issue tracker with the trace:\n" + top;
        try {
            if (element == null) report(Check.INTERNAL_ERROR, message);
            else report(Check.INTERNAL_ERROR, element, message);
        } catch (RuntimeException | LinkageError e) {
            // the element itself is broken: report without it rather than throw into the compiler
            messager.printMessage(Check.INTERNAL_ERROR.kind(), format(Check.INTERNAL_ERROR, message));
        }
    }

    static String format(Check check, String message) {
        return "[" + check.id() + "] " + message;
    }

    private static boolean isSuppressed(Check check, Element element) {
        if (check.kind() == Diagnostic.Kind.ERROR) return false;
        for (Element e = element; e != null; e = e.getEnclosingElement()) {
            SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
            if (suppress == null) continue;
            for (String name : suppress.value()) {
                if (name.equals(Check.SUPPRESS_ALL) || name.equals(check.suppressionName())) return true;
            }
        }
        return false;
    }
}
