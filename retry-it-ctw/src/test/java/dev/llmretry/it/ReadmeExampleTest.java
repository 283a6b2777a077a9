package dev.llmretry.it;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmretry.testing.Faults;
import dev.llmretry.testing.LlmRetryTest;
import dev.llmretry.testing.RecordedEvents;
import org.junit.jupiter.api.Test;

/** The example of docs/testing.md, verbatim: runs woven at compile time (retry-it-ctw) and at load time (retry-it-ltw). */
@LlmRetryTest
class ReadmeExampleTest {
    ChatService service = new ChatService(new ScriptedBackend());

    @Test
    void threeGatewayTimeouts_circuitOpens_failsOverFromIagToOneapi(Faults faults, RecordedEvents events) throws Exception {
        faults.on("iag").fail(504).times(3);
        assertEquals("answer from oneapi to hi", service.chat("hi", null));
        events.assertThat().attempted("iag", "iag", "iag", "oneapi").waited(ofSeconds(1), ofSeconds(2))
                .circuitOpened("iag").failedOver("iag", "oneapi").succeededOn("oneapi");
    }
}
