package dev.llmretry.processor;

import dev.llmretry.internal.config.CallProblem;
import dev.llmretry.internal.config.CallRule;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks of one protected method against its effective annotations (its own, else its type's): a body to weave,
 * the {@code Endpoint} parameters (the runtime's rules:
 * {@link dev.llmretry.internal.config.DeclaredCall#parameterProblems}), and a result type the advice can follow.
 */
final class MethodChecks {
    private final Diagnostics diagnostics;
    private final Types types;
    private final TypeMirror future;
    private final TypeMirror completionStage;
    private final TypeMirror spliterator;
    private final ResultShapes resultShapes;
    private final Declarations declarations;

    MethodChecks(Diagnostics diagnostics, Types types, Elements elements, Declarations declarations) {
        this.diagnostics = diagnostics;
        this.declarations = declarations;
        this.types = types;
        this.future = erasure(elements, "java.util.concurrent.Future");
        this.completionStage = erasure(elements, "java.util.concurrent.CompletionStage");
        this.spliterator = erasure(elements, "java.util.Spliterator");
        this.resultShapes = new ResultShapes(diagnostics, types, elements);
    }

    /** A method-level annotation on a method without a body. */
    boolean hasBody(Site site, ExecutableElement method) {
        if (!method.getModifiers().contains(Modifier.ABSTRACT)) return true;
        diagnostics.report(Check.ABSTRACT_METHOD, site, (String) null, "@" + site.annotationName() + " on "
                + (isInterface(method) ? "an interface" : "an abstract") + " method has no body to weave, so it would "
                + "never take effect. Put it on the implementing class's method.");
        return false;
    }

    /** A type-level annotation on an interface: none of its methods has a body. */
    void notOnInterface(Site site, TypeElement type) {
        diagnostics.report(Check.ABSTRACT_METHOD, site, (String) null, "@" + site.annotationName() + " on the interface "
                + type.getSimpleName() + " has no method body to weave, so it would never take effect. Put it on the "
                + "implementing class (or its methods).");
    }

    /**
     * @param failover the effective {@code @Failover}, or null
     * @param onType   whether {@code failover} is written on the method's class rather than the method
     */
    void check(ExecutableElement method, Site anyAnnotation, Site failover, boolean onType) {
        List<? extends VariableElement> parameters = method.getParameters();
        int endpoints = 0;
        int first = -1;
        for (int i = 0; i < parameters.size(); i++) {
            if (!isEndpoint(parameters.get(i).asType())) continue;
            endpoints++;
            if (first < 0) first = i;
        }
        for (CallProblem problem : declarations.parameters(method, failover, onType, first, endpoints).parameterProblems()) {
            Check check = Check.of(problem.rule());
            if (problem.rule() == CallRule.ENDPOINT_POSITION) diagnostics.report(check, parameters.get(first), problem.message());
            else if (onType) diagnostics.report(check, method, problem.message());
            else diagnostics.report(check, failover, (String) null, problem.message());
        }
        resultType(method, anyAnnotation);
        resultShapes.check(method, anyAnnotation);
    }

    /** A Future that is not a CompletionStage (or a Spliterator) fails after the method returned: nothing to retry. */
    private void resultType(ExecutableElement method, Site site) {
        TypeMirror result = types.erasure(method.getReturnType());
        boolean plainFuture = future != null && types.isAssignable(result, future)
                && (completionStage == null || !types.isAssignable(result, completionStage));
        boolean split = spliterator != null && types.isAssignable(result, spliterator);
        if (!plainFuture && !split) return;
        String what = plainFuture ? "a java.util.concurrent.Future that is not a CompletionStage" : "a Spliterator";
        String fix = plainFuture ? "Return CompletableFuture or CompletionStage (retried without blocking), or annotate the "
                + "synchronous method the task runs." : "Return a Stream or Iterator (retried until the first element).";
        String message = Names.describe(method) + " returns " + what + ": its failures happen after the method "
                + "returned, where llm-retry cannot see them, so retry and failover would never apply. " + fix;
        if (site.element().equals(method)) diagnostics.report(Check.UNTRACKED_RESULT, site, (String) null, message);
        else diagnostics.report(Check.UNTRACKED_RESULT, method, message);
    }

    private boolean isEndpoint(TypeMirror type) {
        return types.erasure(type).toString().equals(Names.ENDPOINT);
    }

    private static boolean isInterface(ExecutableElement method) {
        return method.getEnclosingElement().getKind().isInterface();
    }

    private TypeMirror erasure(Elements elements, String name) {
        TypeElement type = elements.getTypeElement(name);
        return type == null ? null : types.erasure(type.asType());
    }
}
