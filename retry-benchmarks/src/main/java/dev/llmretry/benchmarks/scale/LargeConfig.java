package dev.llmretry.benchmarks.scale;

/** Builds retry.yaml texts with many endpoints, for the memory and loading checks. */
public final class LargeConfig {
    private LargeConfig() {
    }

    /** A retry.yaml with {@code n} endpoints {@code ep0 .. ep(n-1)}, each with a url, model, key, priority and breaker. */
    public static String withEndpoints(int n) {
        StringBuilder b = new StringBuilder(n * 120 + 256);
        b.append("circuit-breaker:\n  default: { failure-threshold: 3, recovery-time: 120s }\n");
        b.append("  strict: { failure-threshold: 2, recovery-time: 60s }\nendpoints:\n");
        for (int i = 0; i < n; i++) {
            b.append("  ep").append(i).append(": { url: https://ep").append(i).append(".example/v1, model: gpt-4o, ")
                    .append("api-key: key-").append(i).append(", priority: ").append(i % 10)
                    .append(", circuit-breaker: ").append(i % 2 == 0 ? "default" : "strict").append(" }\n");
        }
        return b.toString();
    }
}
