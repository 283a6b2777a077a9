package dev.llmretry.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Retries a method whose LLM call failed with a retryable error: exponential backoff with jitter, a deadline for
 * the whole call, and the server's {@code Retry-After} honoured. Bad requests (4xx, validation errors) are never
 * retried: they fail at once.
 *
 * <p>Every attribute is optional; an unset attribute takes its value from the named retry policy in
 * {@code retry.yaml} ({@code retry.<policy>}), which itself defaults to the built-in values. A {@code methods:}
 * entry in retry.yaml overrides the attributes without recompiling.
 *
 * <pre>{@code
 * @LlmRetry(maxAttempts = 4, initialBackoff = "500ms", jitter = Jitter.FULL)
 * public String complete(String prompt) { return client.chat(prompt); }
 * }</pre>
 *
 * <p>On a type, applies to every public method the type declares.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface LlmRetry {
    /** The value of an int attribute that was not set. */
    int UNSET = Integer.MIN_VALUE;

    /** Named retry policy in retry.yaml ({@code retry.<name>}); empty means {@code default}. */
    String policy() default "";

    /** Total attempts across all endpoints, the first call included; at least 1. */
    int maxAttempts() default UNSET;

    /** Delay before the first retry: {@code "500ms"}, {@code "2s"}, {@code "1m"} or ISO-8601 {@code "PT2S"}. */
    String initialBackoff() default "";

    /** Upper bound of any backoff delay. */
    String maxBackoff() default "";

    /** Growth factor of the delay from one retry to the next; at least 1. */
    double multiplier() default Double.NaN;

    /** Randomisation of the delay; {@link Jitter#POLICY} means unset. */
    Jitter jitter() default Jitter.POLICY;

    /** Deadline for the whole call, all attempts and waits included. */
    String maxDuration() default "";

    /** Longest server-requested wait ({@code Retry-After}) honoured; a longer one fails over instead. */
    String maxRetryAfter() default "";

    /** Time limit of a single attempt (for a stream: time to its first element); unset means none. */
    String attemptTimeout() default "";

    /** Failures to retry even when the classification table would not. */
    Class<? extends Throwable>[] retryOn() default {};

    /** Failures to rethrow at once, never retried; wins over {@link #retryOn()}. */
    Class<? extends Throwable>[] abortOn() default {};
}
