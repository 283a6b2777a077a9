package dev.llmretry.store;

/**
 * Requests and failed requests of one endpoint over the health window: the evidence a store shares so that the
 * fleet's opening rule ({@code min-failure-rate}) weighs the fleet's traffic, not one instance's.
 *
 * <pre>{@code
 * Outcomes mine = new Outcomes(40, 30);
 * double rate = mine.plus(store.others("iag")).failureRate();   // 1.0 when nothing was seen
 * }</pre>
 *
 * @param requests requests in the window (answered or failed); at least 0
 * @param failures failed requests among them; between 0 and {@code requests}
 */
public record Outcomes(long requests, long failures) {
    /** Nothing seen. */
    public static final Outcomes NONE = new Outcomes(0, 0);

    /** Clamps what another instance sent: never negative, never more failures than requests. */
    public Outcomes {
        requests = Math.max(0, requests);
        failures = Math.max(0, Math.min(failures, requests));
    }

    /** Both counts added. */
    public Outcomes plus(Outcomes other) {
        return new Outcomes(saturated(requests + other.requests), saturated(failures + other.failures));
    }

    /** Share of the requests that failed; 1 when there were none (as {@code RecentOutcomes}). */
    public double failureRate() {
        return requests == 0 ? 1.0 : (double) failures / requests;
    }

    private static long saturated(long sum) {
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
