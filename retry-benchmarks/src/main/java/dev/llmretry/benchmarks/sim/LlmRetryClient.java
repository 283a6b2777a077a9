package dev.llmretry.benchmarks.sim;

import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import dev.llmretry.testing.VirtualClock;
import java.util.concurrent.CompletableFuture;

/**
 * llm-retry with the SPEC's default policies and three endpoints: calls go through the woven
 * {@link SimulatedLlmService}, so the real advice, plan, breakers, classifier and async retry loop decide. The
 * runtime gets fresh state, the virtual clock and a seeded random source (full jitter) for each run, installed until
 * the run closes the client. A row can turn
 * the retry budget off, and a scenario whose endpoint hangs sets an attempt timeout; everything else stays at the
 * defaults.
 */
final class LlmRetryClient implements Client {
    /** The SPEC's default values written out, plus three endpoints in priority order. */
    static final String RETRY_YAML = """
            retry:
              default: { max-attempts: 6, initial-backoff: 1s, max-backoff: 30s, multiplier: 2.0,
                         jitter: full, max-duration: 5m, max-retry-after: 60s }
            circuit-breaker:
              default: { failure-threshold: 3, recovery-time: 120s, success-threshold: 2, half-open-max-calls: 2 }
            endpoints:
              iag:     { url: https://iag.example/v1, priority: 1 }
              oneapi:  { url: https://oneapi.example/v1, priority: 2 }
              litellm: { url: https://litellm.example/v1, priority: 3 }
            failover: { enabled: true, strategy: priority }
            """;

    private final LlmRuntime.Installation installation;
    private final SimulatedLlmService service;

    LlmRetryClient(VirtualClock clock, World world, long seed, boolean budget, long attemptTimeoutNanos) {
        String yaml = RETRY_YAML;
        if (!budget) yaml = yaml.replace("half-open-max-calls: 2 }", "half-open-max-calls: 2, retry-budget: off }");
        if (attemptTimeoutNanos > 0) {
            yaml = yaml.replace("max-retry-after: 60s }", "max-retry-after: 60s, attempt-timeout: "
                    + attemptTimeoutNanos / 1_000_000 + "ms }");
        }
        LlmRetryConfig config = ConfigLoader.parse("simulation retry.yaml", yaml, name -> null);
        this.installation = LlmRuntime.get().install(clock, RandomSource.seeded(seed), config);
        this.service = new SimulatedLlmService(world);
    }

    @Override
    public CompletableFuture<?> call(int user) {
        return service.complete(null, user);
    }

    /** Puts back the clock and randomness in force before and forgets the run's breakers and health. */
    @Override
    public void close() {
        installation.close();
    }
}
