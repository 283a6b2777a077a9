package dev.llmretry.reliability;

import java.time.Duration;

/**
 * The soak's knobs, read from system properties so the long run is one command away:
 * {@code -Dsoak.seconds=600 -Dsoak.threads=64 -Dsoak.seed=7}. Defaults are the short in-build run.
 */
record SoakSettings(Duration duration, int threads, long seed, Duration slack) {
    static SoakSettings fromSystemProperties() {
        return new SoakSettings(Duration.ofSeconds(Long.getLong("soak.seconds", 6)), Integer.getInteger("soak.threads", 16),
                Long.getLong("soak.seed", 20261122L), Duration.ofMillis(Long.getLong("soak.slackMillis", 3000)));
    }

    /** The soak's retry.yaml: short real-time waits so that thousands of calls retry, fail over and trip circuits. */
    static String yaml(String apiKey, String proxyPassword) {
        return """
                retry:
                  default: { max-attempts: 5, initial-backoff: 1ms, max-backoff: 10ms, multiplier: 2.0, jitter: full,
                             max-duration: 1s, max-retry-after: 20ms, attempt-timeout: 100ms }
                  streaming: { max-attempts: 2, initial-backoff: 1ms, max-backoff: 10ms }
                circuit-breaker:
                  default: { failure-threshold: 5, recovery-time: 50ms, success-threshold: 2, half-open-max-calls: 2 }
                endpoints:
                  iag:     { url: "https://iag.example/v1", model: gpt-4o, api-key: "%1$s", priority: 1,
                             proxy: { https: "http://proxy.example:8080", username: soak, password: "%2$s" } }
                  oneapi:  { url: "https://oneapi.example/v1", api-key: "%1$s-oneapi", priority: 2 }
                  litellm: { url: "https://litellm.example/v1", api-key: "%1$s-litellm", priority: 3 }
                failover:
                  enabled: true
                """.formatted(apiKey, proxyPassword);
    }

    /** Upper bound of any call: its max-duration, one attempt-timeout that may overrun it, and scheduling slack. */
    Duration callBound() {
        return Duration.ofSeconds(1).plusMillis(100).plus(slack);
    }
}
