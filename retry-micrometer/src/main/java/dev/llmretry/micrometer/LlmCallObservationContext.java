package dev.llmretry.micrometer;

import io.micrometer.observation.Observation;

/**
 * What the {@code llmretry.call} observation knows about one protected call: its name at the start; the outcome,
 * the endpoint that answered (or the last one tried), the attempts and the failure at the end. Read by
 * {@link LlmCallObservationConvention}; written by one call at a time.
 *
 * <pre>{@code
 * ObservationFilter filter = context -> context instanceof LlmCallObservationContext c && c.attempts() > 3
 *         ? context.addHighCardinalityKeyValue(KeyValue.of("slow_path", "true")) : context;
 * }</pre>
 */
public final class LlmCallObservationContext extends Observation.Context {
    private final String callName;
    private String outcome = Outcomes.UNKNOWN;
    private String endpoint = "none";
    private int attempts;
    private Throwable failure;

    LlmCallObservationContext(String callName) {
        this.callName = callName;
    }

    /** The protected method ({@code "com.acme.Chat#ask"}) or the {@code LlmCall}'s name. */
    public String callName() { return callName; }

    /** {@code success}, {@code success_after_retry}, {@code failed_over}, {@code failed}; {@code unknown} while running. */
    public String outcome() { return outcome; }

    /** The endpoint that answered, or the last one tried; {@code none} when nothing was attempted. */
    public String endpoint() { return endpoint; }

    /** Attempts made, across all endpoints. */
    public int attempts() { return attempts; }

    /** The failure the caller got; {@code null} after a success. */
    public Throwable failure() { return failure; }

    void ended(String outcome, String endpoint, int attempts, Throwable failure) {
        this.outcome = outcome;
        this.endpoint = endpoint == null ? "none" : endpoint;
        this.attempts = attempts;
        this.failure = failure;
    }
}
