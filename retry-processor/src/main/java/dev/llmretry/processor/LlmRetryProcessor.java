package dev.llmretry.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Turns misconfigured llm-retry annotations into compile errors (and likely mistakes into warnings), so that
 * {@code @LlmRetry(maxAttempts = 0)} or {@code @Failover(endpoints = "onapi")} fail the build instead of a call at
 * run time. Checks every {@code @LlmRetry}, {@code @LlmCircuitBreaker} and {@code @Failover} on methods and types
 * (a type-level annotation covers the public methods the type declares), and cross-checks names against the
 * retry.yaml visible at compile time (see {@link RetryYaml}; option {@code -Allmretry.config=<path>}).
 *
 * <p>Every diagnostic reads {@code [LLMR-xxx] rule. fix} and is attached to the element, the annotation and the
 * attribute. All problems are reported, not just the first; the processor never throws into the compiler. It claims
 * no annotations; it generates one resource, {@value AnnotatedClassIndex#PATH}, listing the annotated classes, so
 * that the runtime can warn about those that were not woven. One instance per compilation, as javac uses it; not
 * thread-safe.
 *
 * <pre>{@code
 * <annotationProcessorPaths>
 *   <path><groupId>dev.llmretry</groupId><artifactId>retry-processor</artifactId><version>${llmretry.version}</version></path>
 * </annotationProcessorPaths>
 * }</pre>
 */
@AutoService(Processor.class)
public final class LlmRetryProcessor extends AbstractProcessor {
    private static final List<String> ANNOTATIONS = List.of(Names.LLM_RETRY, Names.LLM_CIRCUIT_BREAKER, Names.FAILOVER);

    private Diagnostics diagnostics;
    private RetryChecks retryChecks;
    private BreakerChecks breakerChecks;
    private MethodChecks methodChecks;
    private Declarations declarations;
    private YamlChecks yamlChecks;
    private DeclarationChecks declarationChecks;
    private AnnotatedClassIndex index;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        diagnostics = new Diagnostics(env.getMessager());
        try {
            index = new AnnotatedClassIndex(env.getFiler(), env.getElementUtils());
            retryChecks = new RetryChecks(diagnostics);
            breakerChecks = new BreakerChecks(diagnostics);
            declarations = new Declarations(env.getTypeUtils(), env.getElementUtils());
            methodChecks = new MethodChecks(diagnostics, env.getTypeUtils(), env.getElementUtils(), declarations);
        } catch (RuntimeException | LinkageError e) {
            diagnostics.internalError(null, e);
        }
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return new LinkedHashSet<>(ANNOTATIONS);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(RetryYaml.OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (methodChecks == null) return false; // init failed and said so
        Set<Element> seen = new HashSet<>();
        for (TypeElement annotation : annotations) {
            Set<? extends Element> annotated;
            try {
                annotated = round.getElementsAnnotatedWith(annotation);
            } catch (RuntimeException e) {
                diagnostics.internalError(annotation, e);
                continue;
            }
            for (Element element : annotated) {
                if (!seen.add(element)) continue;
                try {
                    index.add(element);
                    check(element);
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    diagnostics.internalError(element, e);
                }
            }
        }
        if (isLastRound(round)) writeIndex();
        return false;
    }

    private static boolean isLastRound(RoundEnvironment round) {
        try {
            return round.processingOver();
        } catch (RuntimeException e) {
            return false; // a broken environment: the checks went on, the index (best effort) is left out
        }
    }

    private void writeIndex() {
        try {
            index.write();
        } catch (IOException | RuntimeException e) {
            diagnostics.internalError(null, e);
        }
    }

    private void check(Element element) {
        if (yamlChecks == null) {
            RetryYaml yaml = findRetryYaml(element);
            yamlChecks = new YamlChecks(diagnostics, yaml);
            declarationChecks = new DeclarationChecks(diagnostics, yaml, new PolicyChecks(diagnostics, yaml));
        }
        Site retry = Site.find(element, Names.LLM_RETRY);
        Site breaker = Site.find(element, Names.LLM_CIRCUIT_BREAKER);
        Site failover = Site.find(element, Names.FAILOVER);
        if (retry == null && breaker == null && failover == null) {
            // inherited from a superclass (the annotations are @Inherited): attributes were checked where written
            if (element instanceof TypeElement type && !type.getKind().isInterface()) {
                checkType(type, Site.findOnType(type, Names.LLM_RETRY), Site.findOnType(type, Names.LLM_CIRCUIT_BREAKER),
                        Site.findOnType(type, Names.FAILOVER));
            }
            return;
        }
        yamlChecks.reportProblemsOnce(element);
        checkAttributes(element, retry, breaker, failover);
        if (element.getKind() == ElementKind.METHOD) {
            checkMethod((ExecutableElement) element, retry, breaker, failover);
        } else if (element instanceof TypeElement type) {
            checkType(type, retry, breaker, failover);
        }
    }

    /** Looked up once per compilation; a failure to look is reported once and the name checks are skipped. */
    private RetryYaml findRetryYaml(Element element) {
        try {
            return RetryYaml.find(processingEnv.getFiler(), processingEnv.getOptions().get(RetryYaml.OPTION));
        } catch (RuntimeException | LinkageError e) {
            diagnostics.internalError(element, e);
            return RetryYaml.absent();
        }
    }

    private void checkAttributes(Element element, Site retry, Site breaker, Site failover) {
        Site typeFailover = failover == null && element.getKind() == ElementKind.METHOD && isPublic(element)
                ? typeSite(element, Names.FAILOVER) : null;
        if (retry != null) retryChecks.check(retry);
        if (breaker != null) breakerChecks.check(breaker, failover != null || typeFailover != null);
        declarationChecks.check(declarations.of(element, retry, breaker, failover, typeFailover), retry, breaker, failover);
    }

    private void checkMethod(ExecutableElement method, Site retry, Site breaker, Site failover) {
        boolean hasBody = true;
        for (Site site : new Site[] {retry, breaker, failover}) {
            if (site != null) hasBody &= methodChecks.hasBody(site, method);
        }
        if (!hasBody) return;
        Site effectiveFailover = failover;
        boolean onType = false;
        if (failover == null && isPublic(method)) {
            effectiveFailover = typeSite(method, Names.FAILOVER);
            onType = effectiveFailover != null;
        }
        Site any = retry != null ? retry : breaker != null ? breaker : failover;
        methodChecks.check(method, any, effectiveFailover, onType);
    }

    /** A type-level annotation: its public methods that carry none of the annotations themselves. */
    private void checkType(TypeElement type, Site retry, Site breaker, Site failover) {
        Site any = retry != null ? retry : breaker != null ? breaker : failover;
        if (any == null) return;
        if (type.getKind().isInterface()) {
            for (Site site : new Site[] {retry, breaker, failover}) {
                if (site != null) methodChecks.notOnInterface(site, type);
            }
            return;
        }
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (!isPublic(method) || method.getModifiers().contains(Modifier.ABSTRACT)) continue;
            boolean ownAnnotation = ANNOTATIONS.stream().anyMatch(a -> Site.find(method, a) != null);
            if (ownAnnotation) continue; // checked as an annotated method, with the type's annotations in view
            methodChecks.check(method, any, failover, true);
        }
    }

    /** The annotation on the method's class, written there or inherited from a superclass. */
    private static Site typeSite(Element method, String annotationName) {
        return method.getEnclosingElement() instanceof TypeElement type ? Site.findOnType(type, annotationName) : null;
    }

    private static boolean isPublic(Element element) {
        return element.getModifiers().contains(Modifier.PUBLIC);
    }
}
