package dev.llmretry.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmretry.benchmarks.scale.LargeConfig;
import dev.llmretry.benchmarks.scale.ScaleReport;
import dev.llmretry.internal.config.ConfigLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scale behaviour that can be checked by counting: no thread per waiting call, large configurations load. */
class ScaleTest {
    @Test
    void tenThousandAsyncCallsInBackoff_holdNoThread_andAllComplete() {
        ScaleReport.BackoffScale s = ScaleReport.asyncCallsInBackoff(10_000);
        assertEquals(10_000, s.pendingTasks(), "one scheduled retry per waiting call");
        assertEquals(10_000, s.notDone());
        assertEquals(List.of(), s.newThreads());
        assertEquals(10_000, s.answered());
        assertEquals(20_000, s.attempts());
    }

    @Test
    void retryYamlWithThousandEndpoints_loads() {
        assertEquals(1_000, ConfigLoader.parse("retry.yaml", LargeConfig.withEndpoints(1_000), v -> null).endpoints().size());
    }
}
