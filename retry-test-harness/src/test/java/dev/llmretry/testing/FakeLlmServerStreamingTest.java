package dev.llmretry.testing;

import static dev.llmretry.testing.TestClient.json;
import static dev.llmretry.testing.TestClient.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeLlmServerStreamingTest {

    private FakeLlmServer server;

    @BeforeEach
    void startServer() {
        server = FakeLlmServer.start("oneapi");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void streamRequested_okAnswer_sendsOneChunkPerWordThenFinishAndDone() throws Exception {
        server.enqueue(FakeResponse.ok("The capital is Paris."));

        TestClient.EventStream events = stream(server, "capital?");

        assertNull(events.failure());
        assertEquals(200, events.status());
        assertTrue(events.contentType().startsWith("text/event-stream"), events.contentType());
        assertEquals(List.of("The", " capital", " is", " Paris."), events.contents());
        assertEquals("[DONE]", events.data().get(events.data().size() - 1));
        Map<?, ?> first = json(events.data().get(0));
        assertEquals("chat.completion.chunk", first.get("object"));
        Map<?, ?> firstDelta = (Map<?, ?>) ((Map<?, ?>) ((List<?>) first.get("choices")).get(0)).get("delta");
        assertEquals("assistant", firstDelta.get("role"));
        Map<?, ?> finish = json(events.data().get(events.data().size() - 2));
        assertEquals("stop", ((Map<?, ?>) ((List<?>) finish.get("choices")).get(0)).get("finish_reason"));
    }

    @Test
    void streamRequested_nothingScripted_streamsDefaultAnswer() throws Exception {
        TestClient.EventStream events = stream(server, "hi there");

        assertEquals("Hello from oneapi! You said: hi there", String.join("", events.contents()));
    }

    @Test
    void trickyContent_streamed_reassemblesExactly() throws Exception {
        String tricky = "line one\nline \"two\"  caf\u00e9 \ud83d\ude00\ttab";
        server.enqueue(FakeResponse.ok(tricky));

        assertEquals(tricky, String.join("", stream(server, "q").contents()));
    }

    @Test
    void streamCutAfterTwo_read_clientGetsExactlyTwoChunksThenIOExceptionWithoutDone() throws Exception {
        // the JDK client may report a cut before handing over chunks it already buffered: space the cut from them
        server.enqueue(FakeResponse.ok("a b c d").chunkInterval(java.time.Duration.ofMillis(50)).streamCutAfter(2));

        TestClient.EventStream events = stream(server, "q");

        assertEquals(List.of("a", " b"), events.contents());
        assertEquals(2, events.data().size());
        assertFalse(events.data().contains("[DONE]"));
        assertNotNull(events.failure(), "a truncated chunked body must surface as an IOException");
    }

    @Test
    void streamErrorAfterTwo_read_clientGetsTwoChunksThenErrorEventAndCleanEnd() throws Exception {
        String error = "{\"error\":{\"message\":\"Overloaded\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";
        server.enqueue(FakeResponse.ok("a b c d").streamErrorAfter(2, error));

        TestClient.EventStream events = stream(server, "q");

        assertNull(events.failure());
        assertEquals(List.of("a", " b"), events.contents());
        assertEquals(3, events.data().size());
        assertEquals(error, events.data().get(2));
    }

    @Test
    void errorStatus_streamRequested_answersJsonErrorNotStream() throws Exception {
        server.enqueue(FakeResponse.status(503));

        HttpResponse<String> response = TestClient.CLIENT.send(
                TestClient.chatRequest(server, TestClient.chatBody("q", true)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(503, response.statusCode());
        assertEquals("server_error", TestClient.error(response).get("type"));
    }

    @Test
    void slowStream_readLineByLine_firstChunkArrivesBeforeTheRestIsSent() {
        server.enqueue(FakeResponse.ok("first second").chunkInterval(Duration.ofSeconds(30)));

        String firstLine = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            HttpResponse<InputStream> response = TestClient.CLIENT.send(
                    TestClient.chatRequest(server, TestClient.chatBody("q", true)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
            return reader.readLine();
        });

        assertTrue(firstLine.startsWith("data: ") && firstLine.contains("\"content\":\"first\""), firstLine);
    }
}
