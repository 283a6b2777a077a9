package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a protected call declares, in names and values only (no reflection, no annotation mirrors), and the one set of
 * checks on it. Like Caffeine's {@code CaffeineSpec}, every way of declaring a call is replayed into this shape: the
 * runtime converts its {@code CallSpec} (annotations read by reflection, or an {@code LlmCall} builder), the
 * annotation processor builds one from the annotations it compiles, and both ask {@link #problems} and
 * {@link #retrySettings}, so each rule is decided and worded once ({@link CallMessages}). The attribute values are
 * {@link SettingsPatch}es, the path retry.yaml takes too. Immutable.
 *
 * <pre>{@code
 * DeclaredCall call = DeclaredCall.builder("com.acme.Chat#ask", DeclaredCall.Source.ANNOTATIONS)
 *         .retry("default", patch).failover(List.of("iag", "onapi")).build();
 * call.problems(KnownNames.of(config), null);   // [UNKNOWN_ENDPOINT: "@Failover on com.acme.Chat#ask: retry.yaml: ..."]
 * }</pre>
 *
 * @param id                 the {@code methods:} key: {@code "com.acme.Chat#ask"}, a class name, or a call's name
 * @param source             who declared it, which decides how messages name it ({@link #origin})
 * @param retryPolicy        the named retry policy ({@code "default"} when unnamed); null for no retries
 * @param retry              the retry attributes set; null when they could not be read (their problem is reported
 *                           elsewhere), which skips the settings checks
 * @param breakerPolicy      the named circuit-breaker policy; null for no breaker of the call's own
 * @param breaker            the breaker attributes set; null as for {@code retry}
 * @param breakerAttributes  the breaker attributes written that failover ignores ({@code "name"}, ...)
 * @param endpoints          the failover endpoints as given; null for no failover
 * @param failoverOnType     whether the failover is declared on the method's class rather than the method (its list
 *                           is then checked where it is written, on the class)
 * @param retryOn            failure types always retried
 * @param abortOn            failure types never retried
 * @param endpointParameter  index of the first {@code Endpoint} parameter, or -1
 * @param endpointParameters how many {@code Endpoint} parameters the method has; -1 when not known (a call, a class)
 */
public record DeclaredCall(String id, Source source, String retryPolicy, SettingsPatch retry, String breakerPolicy,
                           SettingsPatch breaker, List<String> breakerAttributes, List<String> endpoints,
                           boolean failoverOnType, List<ThrowableType> retryOn, List<ThrowableType> abortOn,
                           int endpointParameter, int endpointParameters) {

    /** Who declared the call; decides how a message names it. */
    public enum Source {
        /** Annotations read at run time: {@code "@Failover on com.acme.Chat#ask"}. */
        ANNOTATIONS,
        /** An {@code LlmCall} builder: {@code "LlmCall \"acme.chat\""}. */
        LLM_CALL,
        /** Annotations being compiled: {@code "@Failover"} (the diagnostic is attached to the element itself). */
        COMPILE_TIME
    }

    /**
     * A failure type by name.
     *
     * @param name       the binary name: {@code java.net.SocketTimeoutException}
     * @param supertypes the binary names of all its superclasses and interfaces
     */
    public record ThrowableType(String name, Set<String> supertypes) {
        public ThrowableType {
            supertypes = Set.copyOf(supertypes);
        }

        /** The name of a loaded class, with its supertypes. */
        public static ThrowableType of(Class<?> type) {
            Set<String> supertypes = new HashSet<>();
            List<Class<?>> todo = new ArrayList<>(List.of(type));
            while (!todo.isEmpty()) {
                Class<?> t = todo.remove(todo.size() - 1);
                if (t.getSuperclass() != null && supertypes.add(t.getSuperclass().getName())) todo.add(t.getSuperclass());
                for (Class<?> i : t.getInterfaces()) if (supertypes.add(i.getName())) todo.add(i);
            }
            return new ThrowableType(type.getName(), supertypes);
        }

        /** {@code SocketTimeoutException}, for messages. */
        public String simpleName() {
            return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
        }
    }

    public DeclaredCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        breakerAttributes = List.copyOf(breakerAttributes);
        endpoints = endpoints == null ? null : List.copyOf(endpoints);
        retryOn = List.copyOf(retryOn);
        abortOn = List.copyOf(abortOn);
    }

    /** Starts a declaration: nothing asked for yet. */
    public static Builder builder(String id, Source source) {
        return new Builder(id, source);
    }

    /**
     * How a message names the call's {@code annotation}: {@code "@LlmRetry on com.acme.Chat#ask"},
     * {@code "LlmCall \"acme.chat\""}, or at compile time just {@code "@LlmRetry"}.
     */
    public String origin(String annotation) {
        return switch (source) {
            case ANNOTATIONS -> annotation + " on " + id;
            case LLM_CALL -> "LlmCall \"" + id + "\"";
            case COMPILE_TIME -> annotation;
        };
    }

    /**
     * The rules the declaration breaks, in the order the runtime meets them: retry policy, endpoints, breaker,
     * {@code retryOn}. Name rules need {@code names} (skipped when null: no retry.yaml to check against). With
     * failover the call's own breaker is not built, so its policy is not looked up (its attributes are
     * {@link CallRule#BREAKER_IGNORED}).
     *
     * @param override the call's {@code methods:} entry, whose policies win over the declared ones; may be null
     */
    public List<CallProblem> problems(KnownNames names, MethodOverride override) {
        List<CallProblem> out = new ArrayList<>();
        String retryName = policyInForce(override == null ? null : override.retryPolicy(), retryPolicy);
        if (retryName != null && names != null && !names.retryPolicies().contains(retryName)) {
            out.add(unknown(CallRule.UNKNOWN_RETRY_POLICY, "@LlmRetry", names,
                    CallMessages.unknownPolicy("retry", retryName, names.retryPolicies())));
        }
        if (endpoints != null && !failoverOnType) endpointProblems(names, out);
        String breakerName = policyInForce(override == null ? null : override.breakerPolicy(), breakerPolicy);
        if (endpoints == null && breakerName != null && names != null && !names.breakerPolicies().contains(breakerName)) {
            out.add(unknown(CallRule.UNKNOWN_BREAKER_POLICY, "@LlmCircuitBreaker", names,
                    CallMessages.unknownPolicy("circuit-breaker", breakerName, names.breakerPolicies())));
        }
        if (endpoints != null && !breakerAttributes.isEmpty()) {
            String attribute = breakerAttributes.get(0);
            String origin = origin("@LlmCircuitBreaker");
            out.add(new CallProblem(CallRule.BREAKER_IGNORED, attribute, -1, origin,
                    CallMessages.breakerIgnored(origin, attribute)));
        }
        retryOnProblems(out);
        return out;
    }

    private void endpointProblems(KnownNames names, List<CallProblem> out) {
        String origin = origin("@Failover");
        if (endpoints.isEmpty()) {
            out.add(new CallProblem(CallRule.NO_ENDPOINTS, "endpoints", -1, origin,
                    CallMessages.noEndpoints(origin, source == Source.LLM_CALL)));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < endpoints.size(); i++) {
            String name = endpoints.get(i);
            if (!seen.add(name)) {
                out.add(new CallProblem(CallRule.DUPLICATE_ENDPOINT, "endpoints", i, origin, CallMessages.duplicateEndpoint(origin, name)));
            } else if (names != null && !names.endpoints().contains(name)) {
                out.add(new CallProblem(CallRule.UNKNOWN_ENDPOINT, "endpoints", i, origin, CallMessages.unknown(origin,
                        names.source(), CallMessages.unknownEndpoint(name, names.endpoints()))));
            }
        }
        if (endpoints.size() == 1) {
            out.add(new CallProblem(CallRule.SINGLE_ENDPOINT, "endpoints", -1, origin,
                    CallMessages.singleEndpoint(origin, endpoints.get(0))));
        }
    }

    private void retryOnProblems(List<CallProblem> out) {
        String origin = origin("@LlmRetry");
        for (int i = 0; i < retryOn.size(); i++) {
            ThrowableType retried = retryOn.get(i);
            if (CallMessages.BROAD.contains(retried.name())) {
                out.add(new CallProblem(CallRule.BROAD_RETRY_ON, "retryOn", i, origin,
                        CallMessages.broadRetryOn(origin, retried.simpleName())));
            }
            for (ThrowableType aborted : abortOn) {
                String message = retried.name().equals(aborted.name())
                        ? CallMessages.bothRetriedAndAborted(origin, retried.simpleName())
                        : retried.supertypes().contains(aborted.name())
                        ? CallMessages.retriedSubclassOfAborted(origin, retried.simpleName(), aborted.simpleName()) : null;
                if (message != null) out.add(new CallProblem(CallRule.DEAD_RETRY_ON, "retryOn", i, origin, message));
            }
        }
    }

    /**
     * The rules on the method's {@code Endpoint} parameters, when they are known ({@code endpointParameters >= 0}):
     * exactly one with failover, and within the positions the woven advice can rebind.
     */
    public List<CallProblem> parameterProblems() {
        if (endpointParameters < 0) return List.of();
        List<CallProblem> out = new ArrayList<>();
        int hash = id.indexOf('#');
        if (endpointParameter >= CallMessages.MAX_ENDPOINT_POSITION) {
            out.add(new CallProblem(CallRule.ENDPOINT_POSITION, null, -1, null,
                    CallMessages.endpointPosition(id, endpointParameter + 1)));
        }
        if (endpoints != null && endpointParameters != 1) {
            out.add(new CallProblem(CallRule.ENDPOINT_PARAMETER, null, -1, null, CallMessages.endpointCount(
                    failoverOnType ? id.substring(0, hash) : null, id.substring(hash + 1), endpointParameters)));
        }
        return out;
    }

    /** The retry policy in force: the {@code methods:} entry's, else the declared one; null for no retries. */
    public String retryPolicyInForce(MethodOverride override) {
        return policyInForce(override == null ? null : override.retryPolicy(), retryPolicy);
    }

    /**
     * The retry settings the call runs with: built-in defaults &lt; policy &lt; declared attributes &lt;
     * {@code methods:} entry (SPEC §4); null for no retries.
     *
     * @throws LlmRetryConfigException if the layers together break a rule ({@code initial-backoff <= max-backoff}),
     *                                 naming the layer to blame, or if the policy does not exist
     */
    public RetrySettings retrySettings(LlmRetryConfig config, MethodOverride override) {
        String policy = retryPolicyInForce(override);
        if (policy == null) return null;
        RetrySettings settings = config.retryPolicy(policy).apply(retry);
        return override == null ? settings : settings.apply(override.retry());
    }

    /** The call's own breaker settings, layered as {@link #retrySettings}; null without a breaker of its own. */
    public BreakerSettings breakerSettings(LlmRetryConfig config, MethodOverride override) {
        String policy = policyInForce(override == null ? null : override.breakerPolicy(), breakerPolicy);
        if (policy == null) return null;
        BreakerSettings settings = config.breakerPolicy(policy).apply(breaker);
        return override == null ? settings : settings.apply(override.circuitBreaker());
    }

    private CallProblem unknown(CallRule rule, String annotation, KnownNames names, ConfigProblem lookup) {
        String origin = origin(annotation);
        return new CallProblem(rule, "policy", -1, origin, CallMessages.unknown(origin, names.source(), lookup));
    }

    /** The overriding name if set, else the declared one ({@code "default"} when declared empty); null if neither asks. */
    private static String policyInForce(String overriding, String declared) {
        if (declared == null) return null;
        if (overriding != null && !overriding.isEmpty()) return overriding;
        return declared.isEmpty() ? "default" : declared;
    }

    /** Collects a declaration; not thread-safe. */
    public static final class Builder {
        private final String id;
        private final Source source;
        private String retryPolicy;
        private SettingsPatch retry;
        private String breakerPolicy;
        private SettingsPatch breaker;
        private List<String> breakerAttributes = List.of();
        private List<String> endpoints;
        private boolean failoverOnType;
        private List<ThrowableType> retryOn = List.of();
        private List<ThrowableType> abortOn = List.of();
        private int endpointParameter = -1;
        private int endpointParameters = -1;

        private Builder(String id, Source source) {
            this.id = id;
            this.source = source;
        }

        /** Retries with {@code policy} ({@code "default"} or {@code ""} when unnamed) and these attributes. */
        public Builder retry(String policy, SettingsPatch attributes) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            this.retry = attributes;
            return this;
        }

        /** A breaker of the call's own with {@code policy} and these attributes. */
        public Builder breaker(String policy, SettingsPatch attributes) {
            this.breakerPolicy = Objects.requireNonNull(policy, "policy");
            this.breaker = attributes;
            return this;
        }

        /** The breaker attributes written, first blamed when failover ignores them. */
        public Builder breakerAttributes(List<String> attributes) {
            this.breakerAttributes = attributes;
            return this;
        }

        public Builder failover(List<String> endpoints) {
            this.endpoints = endpoints;
            return this;
        }

        /** The failover is declared on the method's class. */
        public Builder failoverOnType(boolean onType) {
            this.failoverOnType = onType;
            return this;
        }

        public Builder retryOn(List<ThrowableType> types) {
            this.retryOn = types;
            return this;
        }

        public Builder abortOn(List<ThrowableType> types) {
            this.abortOn = types;
            return this;
        }

        /** The method's {@code Endpoint} parameters: the index of the first (-1 for none) and how many. */
        public Builder endpointParameters(int first, int count) {
            this.endpointParameter = first;
            this.endpointParameters = count;
            return this;
        }

        public DeclaredCall build() {
            return new DeclaredCall(id, source, retryPolicy, retry, breakerPolicy, breaker, breakerAttributes, endpoints,
                    failoverOnType, retryOn, abortOn, endpointParameter, endpointParameters);
        }
    }
}
