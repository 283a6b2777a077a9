package dev.llmretry.annotation;

/**
 * How a backoff delay is randomised, following the formulas in AWS's "Exponential Backoff and Jitter".
 *
 * <p>With {@code base = min(maxBackoff, initialBackoff * multiplier^n)}:
 * <ul>
 *   <li>{@link #NONE}: {@code base};</li>
 *   <li>{@link #FULL}: uniform in {@code [0, base]};</li>
 *   <li>{@link #EQUAL}: {@code base/2} plus uniform in {@code [0, base/2]};</li>
 *   <li>{@link #DECORRELATED}: uniform in {@code [initialBackoff, previousDelay * 3]}, capped at {@code maxBackoff}.</li>
 * </ul>
 *
 * <pre>{@code @LlmRetry(jitter = Jitter.EQUAL) String ask(String q) { ... }}</pre>
 */
public enum Jitter {
    /** Unset: take the jitter of the retry policy. */
    POLICY,
    /** No randomisation: the exact exponential schedule (useful in tests). */
    NONE,
    /** Uniform between zero and the exponential delay. */
    FULL,
    /** Half the exponential delay plus a uniform share of the other half. */
    EQUAL,
    /** Uniform between the initial delay and three times the previous delay. */
    DECORRELATED
}
