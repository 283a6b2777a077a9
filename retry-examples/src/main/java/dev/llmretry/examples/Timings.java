package dev.llmretry.examples;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long the demo's waits are. {@link #normal()} uses short but visible real waits (the whole demo takes about half
 * a minute); {@link #fast()} is the {@code --short} mode for CI, with waits of a few milliseconds and the same
 * decisions, so the same counts come out.
 *
 * @param backoff       {@code retry.default.initial-backoff}
 * @param maxBackoff    {@code retry.default.max-backoff}
 * @param recovery      {@code circuit-breaker.default.recovery-time}
 * @param retryAfter    the Retry-After the rate-limited endpoint sends
 * @param chunkInterval the pause between streamed chunks
 * @param pause         a short pause between questions, so a person can follow
 */
public record Timings(Duration backoff, Duration maxBackoff, Duration recovery, Duration retryAfter,
                      Duration chunkInterval, Duration pause) {

    /** The demo as a person watches it. */
    public static Timings normal() {
        return new Timings(Duration.ofMillis(400), Duration.ofSeconds(3), Duration.ofSeconds(4),
                Duration.ofSeconds(2), Duration.ofMillis(120), Duration.ofMillis(150));
    }

    /** The CI mode: every wait a few milliseconds, except the one recovery wait. */
    public static Timings fast() {
        // recovery stays at 1s: calls that must find a circuit still open get that long, even on a slow CI machine
        return new Timings(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1),
                Duration.ofMillis(60), Duration.ofMillis(5), Duration.ZERO);
    }

    /** The variables the demo's retry.yaml reads its timings from. */
    Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("DEMO_BACKOFF", backoff.toMillis() + "ms");
        vars.put("DEMO_MAX_BACKOFF", maxBackoff.toMillis() + "ms");
        vars.put("DEMO_RECOVERY", recovery.toMillis() + "ms");
        return vars;
    }
}
