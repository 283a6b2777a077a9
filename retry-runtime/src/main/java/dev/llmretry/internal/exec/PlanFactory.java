package dev.llmretry.internal.exec;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.FailoverStrategy;
import dev.llmretry.annotation.LlmCircuitBreaker;
import dev.llmretry.annotation.LlmRetry;
import dev.llmretry.internal.classify.Classifiers;
import dev.llmretry.internal.classify.FailureClassifier;
import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.config.ConfigProblem;
import dev.llmretry.internal.config.EndpointSettings;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.internal.config.MethodOverride;
import dev.llmretry.internal.config.RetrySettings;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a method's plan from its annotations (method first, then its class) and retry.yaml, with the precedence
 * of SPEC §4: built-in defaults &lt; named policy &lt; annotation attributes &lt; {@code methods:} entry. A plan
 * that cannot be built becomes a broken plan whose calls fail with a message saying what to fix.
 */
final class PlanFactory {
    private static final Logger LOG = LoggerFactory.getLogger(PlanFactory.class);

    private PlanFactory() {
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
                String methodId = type.getName() + "#" + m.getName();
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
        boolean typeLevel = isProtected(type.getAnnotations());
        List<Method> out = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.isSynthetic() || m.isBridge()) continue;
            if (isProtected(m.getAnnotations()) || typeLevel && java.lang.reflect.Modifier.isPublic(m.getModifiers())) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(Method::getName));
        return out;
    }

    private static boolean isProtected(java.lang.annotation.Annotation[] annotations) {
        for (java.lang.annotation.Annotation a : annotations) {
            Class<?> t = a.annotationType();
            if (t == LlmRetry.class || t == LlmCircuitBreaker.class || t == Failover.class) return true;
        }
        return false;
    }

    /** The plan of {@code spec}; throws, saying what to fix, when it cannot be built. */
    static MethodPlan build(CallSpec spec, LlmRuntime runtime) {
        String methodId = spec.id();
        LlmRetryConfig config = runtime.config();
        MethodOverride override = config.methodOverride(methodId).orElse(null);

        RetrySettings retry = null;
        if (spec.retryPolicy() != null) {
            String policy = firstNonEmpty(override == null ? null : override.retryPolicy(), spec.retryPolicy());
            retry = config.retryPolicy(policy).apply(spec.retry());
            if (override != null) retry = retry.apply(override.retry());
        }

        Target[] targets;
        FailoverStrategy strategy = FailoverStrategy.PRIORITY;
        if (spec.endpoints() != null) {
            targets = endpointTargets(spec, config, runtime);
            strategy = spec.strategy() != FailoverStrategy.POLICY ? spec.strategy() : config.failover().strategy();
            if (spec.breakerName() != null) {
                LOG.warn("{}: the circuit breaker name \"{}\" is ignored with failover: each endpoint has its own "
                        + "breaker, configured by endpoints.<name>.circuit-breaker", spec.origin("@LlmCircuitBreaker"),
                        spec.breakerName());
            }
        } else if (spec.breakerPolicy() != null) {
            String name = spec.breakerName() == null ? methodId : spec.breakerName();
            String policy = firstNonEmpty(override == null ? null : override.breakerPolicy(), spec.breakerPolicy());
            BreakerSettings settings = config.breakerPolicy(policy).apply(spec.breaker());
            if (override != null) settings = settings.apply(override.circuitBreaker());
            targets = new Target[] {runtime.namedTarget(name, settings, config)};
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

    private static Target[] endpointTargets(CallSpec spec, LlmRetryConfig config, LlmRuntime runtime) {
        List<Target> list = new ArrayList<>();
        for (String name : spec.endpoints()) {
            EndpointSettings settings;
            try {
                settings = config.requireEndpoint(name);   // the message has the did-you-mean suggestion
            } catch (LlmRetryConfigException e) {
                throw new IllegalStateException(spec.origin("@Failover") + ": " + e.getMessage(), e);
            }
            list.add(runtime.endpointTarget(settings));
        }
        if (list.isEmpty()) {
            throw new IllegalStateException(spec.origin("@Failover") + " names no endpoints; list at least one "
                    + "endpoint from retry.yaml, e.g. " + (spec.annotated() ? "@Failover(endpoints = {\"iag\", \"oneapi\"})"
                    : ".failover(\"iag\", \"oneapi\")"));
        }
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

    private static String firstNonEmpty(String... values) {
        for (String v : values) if (v != null && !v.isEmpty()) return v;
        return "default";
    }
}
