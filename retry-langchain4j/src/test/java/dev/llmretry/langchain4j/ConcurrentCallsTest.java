package dev.llmretry.langchain4j;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many threads share one resilient model over flaky endpoints, in real time (policy {@code quick}: waits of a few
 * milliseconds): every call is answered, every stream ends exactly once with each token delivered once.
 */
class ConcurrentCallsTest {
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 6;

    @RegisterExtension static final FakeLlmServer iag = FakeLlmServer.named("iag");
    @RegisterExtension static final FakeLlmServer oneapi = FakeLlmServer.named("oneapi");

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        dev.llmretry.LlmResilience.reset("iag");
        dev.llmretry.LlmResilience.reset("oneapi");
    }

    @Test
    void eightThreadsOverFlakyEndpoints_everyCallAnswered() {
        iag.failWithProbability(0.2, 7, FakeResponse.status(503));
        oneapi.failWithProbability(0.2, 8, FakeResponse.status(503));
        ChatModel model = ResilientChatModel.builder().endpoint("iag", Models.chat(iag))
                .endpoint("oneapi", Models.chat(oneapi)).retry("quick").build();

        List<CompletableFuture<String>> answers = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < THREADS * CALLS_PER_THREAD; i++) {
                String question = "question " + i;
                answers.add(CompletableFuture.supplyAsync(() -> model.chat(question), pool));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        });

        for (int i = 0; i < answers.size(); i++) {
            assertTrue(answers.get(i).join().endsWith("You said: question " + i), answers.get(i).join());
        }
    }

    @Test
    void eightThreadsStreamingOverFlakyEndpoints_eachStreamEndsOnce_eachTokenOnce() {
        iag.failWithProbability(0.2, 7, FakeResponse.ok("cut").streamCutAfter(0));
        oneapi.failWithProbability(0.2, 8, FakeResponse.status(503));
        StreamingChatModel model = ResilientStreamingChatModel.builder().endpoint("iag", Models.streaming(iag))
                .endpoint("oneapi", Models.streaming(oneapi)).retry("quick").build();

        List<RecordingHandler> handlers = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < THREADS * CALLS_PER_THREAD; i++) {
                RecordingHandler handler = new RecordingHandler();
                handlers.add(handler);
                String question = "question " + i;
                pool.execute(() -> model.chat(question, handler));
            }
            await().atMost(Duration.ofSeconds(50)).until(() -> handlers.stream().allMatch(h -> h.ended.isDone()));
        });

        for (int i = 0; i < handlers.size(); i++) {
            RecordingHandler h = handlers.get(i);
            assertEquals(List.of(), h.errors, "stream " + i);
            assertEquals(1, h.completions.size(), "stream " + i + " ended once");
            assertTrue(h.text().endsWith("You said: question " + i), h.text());
            assertEquals(h.completions.get(0).aiMessage().text(), h.text(), "stream " + i + ": each token once");
        }
    }
}
