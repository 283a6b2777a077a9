package dev.llmretry.testing;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.Endpoint;
import dev.llmretry.LlmHttpException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real HTTP on loopback with virtual waits: the harness and FakeLlmServer work side by side. */
@LlmRetryTest
class HarnessWithFakeServerTest {
    @RegisterExtension
    static FakeLlmServer iag = FakeLlmServer.named("iag");
    @RegisterExtension
    static FakeLlmServer oneapi = FakeLlmServer.named("oneapi");

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static String post(Endpoint endpoint) throws Exception {
        FakeLlmServer server = endpoint.name().equals("iag") ? iag : oneapi;
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.chatUrl()))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) throw LlmHttpException.from(response);
        return response.body();
    }

    @Test
    void serverAnswers504ThreeTimes_realHttp_virtualWaits_failsOverToOneapi(RecordedEvents events) {
        iag.enqueue(FakeResponse.status(504).times(3));

        String body = Driver.chat(HarnessWithFakeServerTest::post);

        assertTrue(body.contains("Hello from oneapi"), body);
        assertEquals(3, iag.requestCount());
        assertEquals(1, oneapi.requestCount());
        events.assertThat().attempted("iag", "iag", "iag", "oneapi").waited(ofSeconds(1), ofSeconds(2))
                .failedOver("iag", "oneapi").succeededOn("oneapi");
    }

    @Test
    void serverRateLimits_retryAfterHeaderFromTheWire_isTheVirtualWait(RecordedEvents events) {
        iag.enqueue(FakeResponse.rateLimited(ofSeconds(9)));

        Driver.chat(HarnessWithFakeServerTest::post);

        assertTrue(iag.isRunning(), "the harness leaves the servers alone");
        events.assertThat().attempted("iag", "iag").waited(ofSeconds(9));
    }
}
