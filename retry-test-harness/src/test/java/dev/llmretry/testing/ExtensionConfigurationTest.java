package dev.llmretry.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmResilience;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The configuration a test runs with: the annotation's resource, or the builder's YAML text. */
class ExtensionConfigurationTest {

    @Test
    void annotationConfigAttribute_usesThatResource_forTheTestOnly() {
        EngineRuns.run(WithResource.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertEquals(3, dev.llmretry.internal.exec.LlmRuntime.get().config().breakerPolicy("default").failureThreshold(),
                "after the test, the normal retry.yaml is back");
    }

    @Test
    void registeredExtension_yamlTextAndSeed_areUsed() {
        EngineRuns.run(Registered.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void annotationAndRegisteredExtensionTogether_failWithAClearMessage() {
        EngineExecutionResults r = EngineRuns.run(RegisteredTwice.class);
        String message = EngineRuns.failures(r).get(0).getMessage();
        assertTrue(message.contains("use either @LlmRetryTest or a @RegisterExtension LlmRetryExtension"), message);
    }

    @Test
    void missingConfigResource_failsNamingIt() {
        EngineExecutionResults r = EngineRuns.run(MissingResource.class);
        String message = EngineRuns.failures(r).get(0).getMessage();
        assertTrue(message.startsWith("The test configuration 'no-such.yaml' is not on the test classpath"), message);
    }

    @Fixture
    @LlmRetryTest(config = "retry-two-endpoints.yaml")
    static class WithResource {
        @Test
        void oneFailureOpensTheCircuit(Faults faults, RecordedEvents events) {
            faults.on("iag").fail(503);
            Driver.chat();
            events.assertThat().attempted("iag", "oneapi").circuitOpened("iag").neverWaited();
        }
    }

    @Fixture
    @ResourceLock(LlmRetryExtension.RUNTIME_LOCK)
    static class Registered {
        @RegisterExtension
        static LlmRetryExtension llm = LlmRetryExtension.builder()
                .config("""
                        retry:
                          default: { max-attempts: 3, initial-backoff: 10s, jitter: none }
                        endpoints:
                          iag: { url: "https://iag.example/v1" }
                          oneapi: { url: "https://oneapi.example/v1" }
                          litellm: { url: "https://litellm.example/v1" }
                        """)
                .seed(7).strictFaults(true).build();

        @Test
        void policyFromText(Faults faults, RecordedEvents events) {
            faults.on("iag").fail(503).times(2);
            Driver.chat();
            events.assertThat().attempted("iag", "iag", "iag").waited(Duration.ofSeconds(10), Duration.ofSeconds(20));
            assertEquals(List.of("iag", "oneapi", "litellm"), List.copyOf(dev.llmretry.internal.exec.LlmRuntime.get().config().endpoints().keySet()));
        }
    }

    @Fixture
    @LlmRetryTest
    static class RegisteredTwice {
        @RegisterExtension
        LlmRetryExtension llm = LlmRetryExtension.builder().build();

        @Test
        void twice() {
        }
    }

    @Fixture
    @LlmRetryTest(config = "no-such.yaml")
    static class MissingResource {
        @Test
        void never() {
        }
    }
}
