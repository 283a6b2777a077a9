package dev.llmretry.internal.exec;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.FailoverStrategy;
import dev.llmretry.internal.classify.Classifiers;
import dev.llmretry.internal.classify.FailureClassifier;
import dev.llmretry.config.ConfigProblem;
import dev.llmretry.internal.config.CallProblem;
import dev.llmretry.internal.config.CallRule;
import dev.llmretry.internal.config.DeclaredCall;
import dev.llmretry.internal.config.KnownNames;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.internal.config.MethodOverride;
import dev.llmretry.internal.config.RetrySettings;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a method's plan from its annotations (method first, then its class) and retry.yaml, with the precedence
 * of SPEC §4: built-in defaults &lt; named policy &lt; annotation attributes &lt; {@code methods:} entry. The spec is
 * checked as a {@link DeclaredCall}, with the rules and messages the annotation processor uses. A plan that cannot be
 * built becomes a broken plan whose calls fail with a message saying what to fix.
 */
final class PlanFactory {
    private static final Logger LOG = LoggerFactory.getLogger(PlanFactory.class);

    private PlanFactory() {
    }

    /**
     * A declaration the runtime refuses: the rule's sentence as the message, and the problem itself for a report that
     * names the call already ({@link LlmRuntime#checkPlan}).
     */
    static final class Refused extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        final transient CallProblem problem;

        Refused(CallProblem problem) {
            super(problem.message());
            this.problem = problem;
        }
    }

    static MethodPlan create(CallSpec spec, LlmRuntime runtime) {
        try {
            return build(spec, runtime);
        } catch (RuntimeException e) {
            LOG.error("{} is not protected: {}", spec.id(), e.getMessage());
            return new MethodPlan(spec.id(), e, runtime);
        }
    }

    /** Why the plan of each protected method of {@code services} cannot be built, one problem per method. */
    static List<ConfigProblem> problems(Class<?>[] services, LlmRuntime runtime) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (Class<?> type : services) {
            for (Method m : protectedMethods(type)) {
                String methodId = CallSpec.methodId(m);
                try {
                    build(CallSpec.of(m), runtime); // nothing cached, nothing logged
                } catch (RuntimeException e) {
                    problems.add(ConfigProblem.of(methodId, null, "", methodId + " is not protected: " + e.getMessage()));
                }
            }
        }
        return problems;
    }

    /** The methods of {@code type} the advice protects: annotated ones, or every public one of an annotated type. */
    static List<Method> protectedMethods(Class<?> type) {
        boolean typeLevel = CallSpec.protects(type.getAnnotations());
        List<Method> out = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.isSynthetic() || m.isBridge()) continue;
            if (CallSpec.protects(m.getAnnotations()) || typeLevel && java.lang.reflect.Modifier.isPublic(m.getModifiers())) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(Method::getName));
        return out;
    }


    /** The plan of {@code spec}; throws, saying what to fix, when it cannot be built. */
    static MethodPlan build(CallSpec spec, LlmRuntime runtime) {
        String methodId = spec.id();
        LlmRetryConfig config = runtime.config();
        MethodOverride override = config.methodOverride(methodId).orElse(null);
        DeclaredCall declared = spec.declared();
        boolean unchecked = declared.source() == DeclaredCall.Source.LLM_CALL; // no compiler looked at an LlmCall
        for (CallProblem problem : declared.problems(KnownNames.of(config), override)) {
            CallRule rule = problem.rule();
            // an LlmCall's build() also refuses what the processor refuses on annotations: no compiler looked at it
            if (rule.error() && (rule.atRunTime() || unchecked)) throw new Refused(problem);
            if (rule.atRunTime()) {
                LOG.warn("{}", problem.message());
            } else if (rule.error()) { // an annotated class compiled without the processor: it runs as declared
                LOG.warn("{} retry-processor rejects this at compile time; the call runs as declared.", problem.message());
            } // otherwise a compile-time warning, which the processor gives
        }
        RetrySettings retry = declared.retrySettings(config, override);

        Target[] targets;
        FailoverStrategy strategy = FailoverStrategy.PRIORITY;
        if (spec.endpoints() != null) {
            targets = endpointTargets(spec, config, runtime);
            strategy = spec.strategy() != FailoverStrategy.POLICY ? spec.strategy() : config.failover().strategy();
        } else if (spec.breakerPolicy() != null) {
            String name = spec.breakerName() == null ? methodId : spec.breakerName();
            targets = new Target[] {runtime.namedTarget(name, declared.breakerSettings(config, override), config)};
        } else {
            String name = spec.implicitName();
            targets = new Target[] {new Target(name, dev.llmretry.internal.endpoint.ConfiguredEndpoint.implicit(name), null, null, 0)};
        }
        int maxAttempts = retry != null ? retry.maxAttempts() : targets.length;
        FailureClassifier classifier = Classifiers.forMethod(config.classification(), spec.retryOn(), spec.abortOn(),
                runtime.userClassifiers(), () -> runtime.time().now());
        return new MethodPlan(methodId, retry, maxAttempts, targets, strategy, classifier, spec.endpointParameter(),
                runtime);
    }

    /** The endpoints' shared targets, by priority; the names were checked ({@link DeclaredCall#problems}). */
    private static Target[] endpointTargets(CallSpec spec, LlmRetryConfig config, LlmRuntime runtime) {
        List<Target> list = new ArrayList<>();
        for (String name : spec.endpoints()) list.add(runtime.endpointTarget(config.requireEndpoint(name)));
        if (!config.failover().enabled()) list = list.subList(0, 1);
        List<Target> ordered = new ArrayList<>(list);
        ordered.sort(Comparator.comparingInt(t -> t.priority)); // stable: equal priorities keep annotation order
        return ordered.toArray(new Target[0]);
    }

    static int endpointParameter(Method m) {
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) if (types[i] == Endpoint.class) return i;
        return -1;
    }

}
