package dev.llmretry.springai;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.llmretry.event.StreamIncomplete;
import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import dev.llmretry.testing.LlmRetryTest;
import dev.llmretry.testing.RecordedEvents;
import dev.llmretry.testing.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

/** ResilientChatModel#stream over Spring AI's real OpenAI model: retried and failed over only before its first element. */
@LlmRetryTest
class ResilientStreamTest {
    private static final Duration WATCHDOG = Duration.ofSeconds(30);

    @RegisterExtension
    static FakeLlmServer iag = FakeLlmServer.named("iag");
    @RegisterExtension
    static FakeLlmServer oneapi = FakeLlmServer.named("oneapi");

    /** Without {@code retry(..)}: each endpoint is tried once, in order, like {@code @Failover} alone. */
    private final ResilientChatModel failoverOnly = ResilientChatModel.builder()
            .endpoint("iag", OpenAiModels.of(iag, "gpt-4o")).endpoint("oneapi", OpenAiModels.of(oneapi, "gpt-4o-mini"))
            .build();

    private static String text(List<ChatResponse> responses) {
        StringBuilder text = new StringBuilder();
        for (ChatResponse r : responses) {
            if (r.getResult() != null && r.getResult().getOutput().getText() != null) {
                text.append(r.getResult().getOutput().getText());
            }
        }
        return text.toString();
    }

    @Test
    void streamCutBeforeTheFirstToken_failsOverToOneapi_whoseAnswerArrivesWhole() {
        iag.enqueue(FakeResponse.ok("never seen").streamCutAfter(0));

        List<ChatResponse> responses = failoverOnly.stream(new Prompt("q")).collectList().block(WATCHDOG);

        assertEquals("Hello from oneapi! You said: q", text(Objects.requireNonNull(responses)));
        assertEquals(1, iag.requestCount());
        assertEquals(1, oneapi.requestCount());
    }

    @Test
    void streamCutAfterTheFirstToken_reportedOnce_neverReplayed(RecordedEvents events) {
        iag.enqueue(FakeResponse.ok("one two three four").streamCutAfter(2).chunkInterval(Duration.ofMillis(5)));
        List<ChatResponse> received = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger completions = new AtomicInteger();

        failoverOnly.stream(new Prompt("q"))
                .doOnNext(received::add)
                .doOnError(e -> { errors.incrementAndGet(); error.set(e); })
                .doOnComplete(completions::incrementAndGet)
                .onErrorResume(e -> Flux.empty())
                .blockLast(WATCHDOG);

        assertEquals(1, errors.get(), "the failure reaches the subscriber once");
        assertEquals(0, completions.get());
        assertNotNull(error.get());
        assertFalse(text(received).isEmpty(), "the tokens before the cut were delivered");
        assertFalse(text(received).contains("oneapi"), "no other endpoint's answer was appended: " + text(received));
        assertEquals(1, iag.requestCount(), "never replayed");
        assertEquals(0, oneapi.requestCount());
        assertEquals(1, events.ofType(StreamIncomplete.class).size(), events.timeline());
    }

    @Test
    void serverErrorBeforeTheFirstToken_withRetry_retriedOnTheSameEndpointAfterTheBackoff(VirtualClock clock)
            throws Exception {
        iag.enqueue(FakeResponse.status(503));
        ResilientChatModel withRetry = ResilientChatModel.builder().endpoint("iag", OpenAiModels.of(iag, "gpt-4o"))
                .endpoint("oneapi", OpenAiModels.of(oneapi, "gpt-4o-mini")).retry("default").build();
        CompletableFuture<List<ChatResponse>> responses = withRetry.stream(new Prompt("q")).collectList().toFuture();

        // the retry is a task on the virtual clock, scheduled when the 503 arrives on the client's thread: move time
        // in small steps (never jumping to the call's deadline) until the answer is there
        await().atMost(WATCHDOG).pollInterval(Duration.ofMillis(1)).until(() -> {
            if (!responses.isDone()) clock.advance(Duration.ofMillis(20));
            return responses.isDone();
        });

        assertEquals("Hello from iag! You said: q", text(responses.get(WATCHDOG.toSeconds(), TimeUnit.SECONDS)));
        assertEquals(2, iag.requestCount());
        assertEquals(0, oneapi.requestCount());
        assertEquals(List.of(Duration.ofSeconds(1)), clock.waits());
    }

    @Test
    void chatClientStream_cutBeforeTheFirstToken_failsOverWithEachModelsOwnModelName() {
        iag.enqueue(FakeResponse.ok("never seen").streamCutAfter(0));

        List<String> tokens = ChatClient.create(failoverOnly).prompt("q").stream().content().collectList()
                .block(WATCHDOG);

        assertEquals("Hello from oneapi! You said: q", String.join("", Objects.requireNonNull(tokens)));
        assertEquals("gpt-4o", iag.lastRequest().model());
        assertEquals("gpt-4o-mini", oneapi.lastRequest().model());
    }

    @Test
    void eachSubscription_isItsOwnCall() {
        Flux<ChatResponse> flux = failoverOnly.stream(new Prompt("q"));

        assertEquals("Hello from iag! You said: q", text(Objects.requireNonNull(flux.collectList().block(WATCHDOG))));
        assertEquals("Hello from iag! You said: q", text(Objects.requireNonNull(flux.collectList().block(WATCHDOG))));

        assertEquals(2, iag.requestCount());
    }
}
