package dev.llmretry.internal.config;

import java.util.Objects;

/**
 * One entry of {@code methods:} in retry.yaml: operator overrides for one method, winning over its annotation
 * attributes key by key. Immutable and thread-safe.
 *
 * <pre>{@code
 * methods:
 *   "com.acme.ChatService#complete":
 *     retry: { policy: streaming, max-attempts: 3 }   # policy: switches the named policy
 *     circuit-breaker: { failure-threshold: 5 }
 * }</pre>
 */
public final class MethodOverride {
    private final String method;
    private final SettingsPatch retry;
    private final SettingsPatch circuitBreaker;
    private final String retryPolicy;
    private final String breakerPolicy;

    MethodOverride(String method, SettingsPatch retry, SettingsPatch circuitBreaker, String retryPolicy,
                   String breakerPolicy) {
        this.method = Objects.requireNonNull(method, "method");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        this.retryPolicy = retryPolicy;
        this.breakerPolicy = breakerPolicy;
    }

    /** The key: {@code "com.acme.ChatService#complete"}. */
    public String method() { return method; }

    /** Retry keys to override; possibly empty. */
    public SettingsPatch retry() { return retry; }

    /** Circuit-breaker keys to override; possibly empty. */
    public SettingsPatch circuitBreaker() { return circuitBreaker; }

    /** The retry policy to use instead of the annotation's ({@code retry.policy}), or {@code null}. */
    public String retryPolicy() { return retryPolicy; }

    /** The circuit-breaker policy to use instead of the annotation's ({@code circuit-breaker.policy}), or {@code null}. */
    public String breakerPolicy() { return breakerPolicy; }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof MethodOverride)) return false;
        MethodOverride that = (MethodOverride) o;
        return method.equals(that.method) && retry.equals(that.retry) && circuitBreaker.equals(that.circuitBreaker)
                && Objects.equals(retryPolicy, that.retryPolicy) && Objects.equals(breakerPolicy, that.breakerPolicy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, retry, circuitBreaker, retryPolicy, breakerPolicy);
    }

    @Override
    public String toString() {
        return "MethodOverride{" + method + ", retry-policy=" + retryPolicy + ", " + retry + ", circuit-breaker-policy="
                + breakerPolicy + ", " + circuitBreaker + "}";
    }
}
