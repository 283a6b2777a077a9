package com.acme;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import dev.llmretry.testing.LlmRetryTest;
import dev.llmretry.testing.RecordedEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@LlmRetryTest(config = "retry-test.yaml")
class ChatServiceTest {
    @RegisterExtension static FakeLlmServer iag = FakeLlmServer.named("iag");         // real HTTP on 127.0.0.1
    @RegisterExtension static FakeLlmServer oneapi = FakeLlmServer.named("oneapi");
    @RegisterExtension static FakeLlmServer litellm = FakeLlmServer.named("litellm");

    @BeforeAll
    static void pointTheEndpointsAtTheFakeServers() {                 // read by retry-test.yaml's ${IAG_URL} ...
        System.setProperty("IAG_URL", iag.baseUrl());
        System.setProperty("ONEAPI_URL", oneapi.baseUrl());
        System.setProperty("LITELLM_URL", litellm.baseUrl());
    }

    ChatService service = new ChatService();

    @Test
    void threeGatewayTimeouts_circuitOpens_failsOverFromIagToOneapi(RecordedEvents events) throws Exception {
        iag.enqueue(FakeResponse.status(504).times(3));

        String answer = service.complete("hi", null);

        assertTrue(answer.contains("Hello from oneapi! You said: hi"), answer);
        assertEquals(3, iag.requestCount());
        events.assertThat().attempted("iag", "iag", "iag", "oneapi").waited(ofSeconds(1), ofSeconds(2))
                .circuitOpened("iag").failedOver("iag", "oneapi").succeededOn("oneapi");
    }
}
