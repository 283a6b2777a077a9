package dev.llmretry.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FakeLlmServerLifecycleTest {

    @Test
    void started_urls_pointAtLoopbackPortAndV1() {
        try (FakeLlmServer server = FakeLlmServer.start("litellm")) {
            assertTrue(server.port() > 0);
            assertEquals("http://127.0.0.1:" + server.port() + "/v1", server.baseUrl());
            assertEquals(server.baseUrl() + "/chat/completions", server.chatUrl());
            assertEquals("litellm", server.name());
            assertTrue(server.isRunning());
        }
    }

    @Test
    void twoServers_started_getDifferentPorts() {
        try (FakeLlmServer iag = FakeLlmServer.start("iag"); FakeLlmServer oneapi = FakeLlmServer.start("oneapi")) {
            assertNotEquals(iag.port(), oneapi.port());
        }
    }

    @Test
    void closed_server_freesPortAndEndsItsThreads() throws Exception {
        FakeLlmServer server = FakeLlmServer.start("closing");
        int port = server.port();
        TestClient.chat(server, "warm up a keep-alive connection and a worker");

        server.close();
        server.close(); // idempotent

        assertFalse(server.isRunning());
        assertThrows(IllegalStateException.class, server::baseUrl);
        try (ServerSocket rebound = new ServerSocket()) {
            rebound.setReuseAddress(true);
            rebound.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> threadsNamed("FakeLlmServer-closing-").isEmpty());
    }

    @Test
    void running_server_usesOnlyDaemonThreads() throws Exception {
        try (FakeLlmServer server = FakeLlmServer.start("daemons")) {
            TestClient.chat(server, "q");
            List<Thread> threads = threadsNamed("FakeLlmServer-daemons-");
            assertFalse(threads.isEmpty());
            assertTrue(threads.stream().allMatch(Thread::isDaemon), threads::toString);
        }
    }

    @Test
    void slowAnswerInFlight_close_returnsPromptlyAndClientFails() {
        FakeLlmServer server = FakeLlmServer.start("slow");
        server.always(FakeResponse.ok("late").latency(Duration.ofMinutes(5)));
        CompletableFuture<HttpResponse<String>> inFlight = TestClient.CLIENT.sendAsync(
                TestClient.chatRequest(server, TestClient.chatBody("q", false)).timeout(Duration.ofMinutes(1)).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.requestCount() == 1);

        assertTimeoutPreemptively(Duration.ofSeconds(5), server::close);

        Exception failure = assertThrows(Exception.class, () -> inFlight.get());
        assertTrue(failure.getCause() instanceof IOException, failure::toString);
    }

    @Test
    void thirtyTwoConcurrentClients_chat_allAnsweredWithTheirOwnMessage() {
        try (FakeLlmServer server = FakeLlmServer.start("busy")) {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(TestClient.CLIENT.sendAsync(TestClient.chatRequest(server, TestClient.chatBody("n" + i, false)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }

            for (int i = 0; i < 32; i++) {
                HttpResponse<String> response = calls.get(i).join();
                assertEquals(200, response.statusCode());
                assertEquals("Hello from busy! You said: n" + i, TestClient.content(response));
            }
            assertEquals(32, server.requestCount());
            Set<Integer> sequences = server.requests().stream().map(RecordedRequest::sequence).collect(Collectors.toSet());
            assertEquals(IntStream.rangeClosed(1, 32).boxed().collect(Collectors.toSet()), sequences);
        }
    }

    @Test
    void concurrentClients_scriptedFailures_eachScriptedAnswerServedExactlyOnce() {
        try (FakeLlmServer server = FakeLlmServer.start("fair")) {
            server.enqueue(FakeResponse.status(503).times(10));
            List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 24)
                    .mapToObj(i -> TestClient.CLIENT.sendAsync(TestClient.chatRequest(server, TestClient.chatBody("q", false)).build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .collect(Collectors.toList());

            long unavailable = calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 503).count();

            assertEquals(10, unavailable);
            assertEquals(0, server.pendingResponses());
        }
    }

    @Test
    void rawHttp11Request_gatewayTimeout_hasStatusLineWithReasonPhrase() throws Exception {
        try (FakeLlmServer server = FakeLlmServer.start("raw"); Socket socket = new Socket("127.0.0.1", server.port())) {
            server.enqueue(FakeResponse.status(504));
            String body = TestClient.chatBody("q", false);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();

            List<String> lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .lines().collect(Collectors.toList());

            assertEquals("HTTP/1.1 504 Gateway Timeout", lines.get(0));
            assertTrue(lines.contains("Connection: close"), lines::toString);
        }
    }

    @Test
    void rawChunkedRequestBody_chat_isDecodedAndRecorded() throws Exception {
        try (FakeLlmServer server = FakeLlmServer.start("chunked"); Socket socket = new Socket("127.0.0.1", server.port())) {
            String body = TestClient.chatBody("split", false);
            String first = body.substring(0, 10);
            String rest = body.substring(10);
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(first.length()) + "\r\n" + first + "\r\n"
                    + Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8));

            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();

            assertEquals("HTTP/1.1 200 OK", status);
            assertEquals(body, server.lastRequest().body());
        }
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix) && thread.isAlive())
                .collect(Collectors.toList());
    }
}
