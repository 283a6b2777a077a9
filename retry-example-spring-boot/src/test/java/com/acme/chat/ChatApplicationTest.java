package com.acme.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.testing.LlmRetryTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The example application as its README's curl session drives it: the chat endpoint, a scripted outage of iag,
 * and what Actuator shows. Real HTTP everywhere; the library's waits on the harness's virtual clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@LlmRetryTest(config = "retry.yaml")
class ChatApplicationTest {
    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void chat_answeredByTheFirstEndpoint() throws Exception {
        HttpResponse<String> answer = post("/chat", "Hello");

        assertEquals(200, answer.statusCode());
        assertEquals("Hello from iag! You said: Hello", answer.body());
    }

    @Test
    void iagTimesOutThreeTimes_chatAnsweredByOneapi_actuatorShowsIagsOpenCircuit() throws Exception {
        assertEquals(200, post("/demo/iag/fail?status=504&times=3", "").statusCode());

        assertEquals("Hello from oneapi! You said: Hello", post("/chat", "Hello").body());

        String health = get("/actuator/llmretry").body();
        assertTrue(health.startsWith("{\"iag\":{\"state\":\"circuit_open\""), health);
        String contributor = get("/actuator/health/llmRetry").body();
        assertTrue(contributor.contains("\"status\":\"UP\"") && contributor.contains("\"open_circuits\":[\"iag\"]"),
                contributor);
        String calls = get("/actuator/metrics/llmretry.calls?tag=outcome:failed_over").body();
        assertTrue(calls.contains("\"value\":1.0"), calls);

        assertEquals(200, post("/actuator/llmretry/iag/reset", "").statusCode());
        assertEquals("Hello from iag! You said: again", post("/chat", "again").body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (!body.isEmpty()) request.header("Content-Type", "text/plain");   // as curl -d sends it; -X POST sends none
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
