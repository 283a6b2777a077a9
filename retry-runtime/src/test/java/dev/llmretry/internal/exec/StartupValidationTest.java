package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmRetry;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.config.ConfigProblem;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.health.EndpointStatus;
import dev.llmretry.health.HealthReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fail fast: validate() reports, at start-up, every problem of retry.yaml and of the given services' annotations that
 * would otherwise surface at each method's first call. health() reports a broken configuration instead of throwing.
 */
class StartupValidationTest {
    static final String GOOD = "endpoints:\n  iag: { url: \"https://iag.example/v1\" }\n";

    static class GoodService {
        @LlmRetry @Failover(endpoints = "iag") public String chat(String q, Endpoint e) { return q; }
        public String unprotected(String q) { return q; }
    }

    static class BrokenService {
        @LlmRetry @Failover(endpoints = {"iag", "oneap"}) public String typo(String q, Endpoint e) { return q; }
        @LlmRetry(maxAttempts = 0) public String zero(String q) { return q; }
        @LlmRetry public String fine(String q) { return q; }
    }

    static LlmRetryConfig parse(String yaml) {
        return ConfigLoader.parse("retry.yaml", yaml, Map.<String, String>of()::get);
    }

    static LlmRetryConfigException brokenFile() {
        return assertThrows(LlmRetryConfigException.class, () -> parse(
                "retry:\n  default: { max-atempts: 3 }\nendpoints:\n  g: { url: \"ftp://g.example/v1?key=AIzaSecret0003\" }\n"));
    }

    @Test
    void goodFileAndServices_validate_returnsTheConfigurationInForce() {
        LlmRuntime rt = new LlmRuntime(() -> parse(GOOD));
        assertSame(rt.config(), rt.validate(GoodService.class));
    }

    @Test
    void brokenAnnotations_validate_listsEveryProblem_byMethod_beforeAnyCall() {
        LlmRuntime rt = new LlmRuntime(() -> parse(GOOD));

        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> rt.validate(GoodService.class, BrokenService.class));

        List<String> where = e.problems().stream().map(ConfigProblem::keyPath).toList();
        assertEquals(List.of(BrokenService.class.getName() + "#typo", BrokenService.class.getName() + "#zero"), where,
                e.getMessage());
        assertTrue(e.getMessage().contains("no endpoint named 'oneap'"), e.getMessage());
        assertTrue(e.getMessage().contains("maxAttempts was 0, must be >= 1. Use 1 for a single attempt."), e.getMessage());
        assertEquals(0, rt.plans().size(), "validating caches no plan");
    }

    @Test
    void brokenFile_validate_throwsItsError_listingEveryProblem() {
        LlmRetryConfigException broken = brokenFile();
        LlmRuntime rt = new LlmRuntime(() -> {
            throw broken;
        });

        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class, () -> rt.validate(GoodService.class));

        assertEquals(broken.problems(), e.problems());
        assertTrue(e.getMessage().contains("did you mean 'max-attempts'"), e.getMessage());
    }

    @Test
    void brokenFile_health_reportsTheConfigurationError_insteadOfThrowing_secretsMasked() {
        LlmRetryConfigException broken = brokenFile();
        LlmRuntime rt = new LlmRuntime(() -> {
            throw broken;
        });

        HealthReport report = rt.healthReport();

        EndpointStatus configuration = report.endpoint("configuration");
        assertEquals(dev.llmretry.health.HealthState.CONFIG_ERROR, configuration.state());
        assertTrue(configuration.lastError().contains("max-atempts"), configuration.lastError());
        assertFalse(configuration.lastError().contains("\n"), configuration.lastError());
        assertFalse(report.toJson().contains("AIzaSecret0003"), report.toJson());
        assertTrue(report.toJson().startsWith("{\"configuration\":{\"state\":\"config_error\""), report.toJson());
    }
}
