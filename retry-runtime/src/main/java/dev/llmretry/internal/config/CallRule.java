package dev.llmretry.internal.config;

/**
 * A rule a call's declaration can break, checked by {@link DeclaredCall} for the runtime (when a plan is built) and
 * for the annotation processor (which reports the rule under its {@code LLMR-xxx} id of the same name). The rule
 * says which annotation it is about, whether it is an error or a warning, and whether the runtime acts on it: the
 * others are compile-time advice (the runtime would run the call, just not as the user meant). Immutable.
 *
 * <pre>{@code
 * CallRule.UNKNOWN_ENDPOINT.annotation();   // "Failover"
 * CallRule.SINGLE_ENDPOINT.error();         // false: a warning
 * }</pre>
 */
public enum CallRule {
    /** {@code @Failover} lists no endpoint. */
    NO_ENDPOINTS("Failover", true, true),
    /** An endpoint is listed twice. */
    DUPLICATE_ENDPOINT("Failover", true, false),
    /** A single endpoint: nothing to fail over to. */
    SINGLE_ENDPOINT("Failover", false, false),
    /** An endpoint that retry.yaml does not define. */
    UNKNOWN_ENDPOINT("Failover", true, true),
    /** A retry policy that retry.yaml does not define. */
    UNKNOWN_RETRY_POLICY("LlmRetry", true, true),
    /** A circuit-breaker policy that retry.yaml does not define. */
    UNKNOWN_BREAKER_POLICY("LlmCircuitBreaker", true, true),
    /** Breaker settings on a failover call: each endpoint has its own breaker. */
    BREAKER_IGNORED("LlmCircuitBreaker", false, true),
    /** A {@code retryOn} class that {@code abortOn} makes dead. */
    DEAD_RETRY_ON("LlmRetry", true, false),
    /** {@code retryOn} lists {@code Throwable}, {@code Exception}, {@code RuntimeException} or {@code Error}. */
    BROAD_RETRY_ON("LlmRetry", false, false),
    /** A failover method without exactly one {@code Endpoint} parameter. */
    ENDPOINT_PARAMETER("Failover", true, false),
    /** An {@code Endpoint} parameter further right than the woven advice can rebind. */
    ENDPOINT_POSITION(null, true, false);

    private final String annotation;
    private final boolean error;
    private final boolean atRunTime;

    CallRule(String annotation, boolean error, boolean atRunTime) {
        this.annotation = annotation;
        this.error = error;
        this.atRunTime = atRunTime;
    }

    /** The simple name of the annotation the rule is about ({@code "Failover"}); null for a method parameter. */
    public String annotation() {
        return annotation;
    }

    /** An error (the call cannot be what was asked for) rather than a warning (legal, likely wrong). */
    public boolean error() {
        return error;
    }

    /** Whether the runtime acts on it: an error breaks the plan, a warning is logged when the plan is built. */
    public boolean atRunTime() {
        return atRunTime;
    }
}
