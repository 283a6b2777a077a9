package dev.llmretry.reactor.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmretry.LlmHttpException;
import dev.llmretry.event.StreamIncomplete;
import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import dev.llmretry.testing.LlmRetryTest;
import dev.llmretry.testing.RecordedEvents;
import dev.llmretry.testing.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** Annotated Mono and Flux methods, woven with retry-reactor's advice, against FakeLlmServers over real HTTP. */
@LlmRetryTest
class ReactorAdviceTest {
    private static final Duration WATCHDOG = Duration.ofSeconds(30);

    @RegisterExtension
    static FakeLlmServer iag = FakeLlmServer.named("iag");
    @RegisterExtension
    static FakeLlmServer oneapi = FakeLlmServer.named("oneapi");

    final ReactiveChat chat = new ReactiveChat(Map.of("iag", iag, "oneapi", oneapi));
    VirtualClock clock;

    @BeforeEach
    void clock(VirtualClock clock) {
        this.clock = clock;
    }

    /**
     * Subscribes and moves virtual time on in small steps until the result is there: an async retry is a task on the
     * virtual clock, scheduled only when the failed response arrives on the HTTP client's thread, so the clock must
     * not jump ahead to the call's 5-minute deadline meanwhile (as {@code runUntil} would). The recorded waits are
     * the retry tasks' own delays, whatever the steps.
     */
    private <T> T drive(Mono<T> mono) {
        CompletableFuture<T> result = mono.toFuture();
        await().atMost(WATCHDOG).pollInterval(Duration.ofMillis(1)).until(() -> {
            if (!result.isDone()) clock.advance(Duration.ofMillis(20));
            return result.isDone();
        });
        return result.join();
    }

    @Test
    void mono_seedsScenario_retriesThenFailsOverToOneapi(RecordedEvents events) {
        iag.enqueue(FakeResponse.status(504).times(3));

        Mono<String> answer = chat.ask("q", null);
        assertEquals(0, iag.requestCount(), "nothing is sent before a subscription");

        assertEquals("Hello from oneapi! You said: q", drive(answer));
        assertEquals(List.of("iag", "iag", "iag", "oneapi"), events.attemptedEndpoints());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.waits());
        assertEquals(1, events.failovers().size());
        assertEquals(4, chat.bodies.get(), "the method's body ran once per attempt");
    }

    @Test
    void mono_quotaExhausted_failsOverWithoutRetry() {
        iag.enqueue(FakeResponse.quotaExhausted());

        assertEquals("Hello from oneapi! You said: q", chat.ask("q", null).block(WATCHDOG));

        assertEquals(1, iag.requestCount());
        assertEquals(List.of(), clock.waits());
    }

    @Test
    void mono_badRequest_failsAtOnce_oneRequest() {
        iag.enqueue(FakeResponse.badRequest("bad"));

        LlmHttpException e = assertThrows(LlmHttpException.class, () -> chat.ask("q", null).block(WATCHDOG));

        assertEquals(400, e.status());
        assertEquals(1, iag.requestCount());
        assertEquals(0, oneapi.requestCount());
    }

    @Test
    void mono_rateLimited_waitsRetryAfter() {
        iag.enqueue(FakeResponse.rateLimited(Duration.ofSeconds(7)));

        assertEquals("Hello from iag! You said: q", drive(chat.ask("q", null)));

        assertEquals(List.of(Duration.ofSeconds(7)), clock.waits());
    }

    @Test
    void mono_cancelledWhileARetryWaits_sendsNothingMore() {
        iag.enqueue(FakeResponse.status(504));
        Disposable subscription = chat.ask("q", null).subscribe();
        await().atMost(WATCHDOG).until(() -> clock.pendingTasks() > 0 && iag.requestCount() == 1);

        subscription.dispose();
        clock.advance(Duration.ofMinutes(10));

        assertEquals(1, iag.requestCount());
        assertEquals(0, oneapi.requestCount());
        assertEquals(1, chat.bodies.get());
    }

    @Test
    void mono_eachSubscription_isItsOwnCall() {
        Mono<String> answer = chat.ask("q", null);

        answer.block(WATCHDOG);
        answer.block(WATCHDOG);

        assertEquals(2, iag.requestCount());
    }

    @Test
    void mono_subscribersContext_reachesTheBody() {
        assertEquals("ada", chat.whoAmI().contextWrite(Context.of("user", "ada")).block(WATCHDOG));
    }

    @Test
    void flux_cutBeforeTheFirstToken_retried_answerArrivesWhole() {
        iag.enqueue(FakeResponse.ok("never seen").streamCutAfter(0));

        List<String> tokens = drive(chat.tokens(null, "q").collectList());

        assertEquals("Hello from iag! You said: q", String.join("", assertNotNullList(tokens)).replace("  ", " "));
        assertEquals(2, iag.requestCount(), "resubscribed: a fresh body and request for the second attempt");
        assertEquals(2, chat.bodies.get());
    }

    @Test
    void flux_gatewayTimeoutsBeforeTheFirstToken_failOverToOneapi(RecordedEvents events) {
        iag.enqueue(FakeResponse.status(504).times(3));

        List<String> tokens = drive(chat.tokens(null, "q").collectList());

        assertEquals(List.of("iag", "iag", "iag", "oneapi"), events.attemptedEndpoints());
        assertEquals(1, oneapi.requestCount());
        assertEquals(false, assertNotNullList(tokens).isEmpty());
    }

    @Test
    void flux_cutAfterTheFirstToken_reportedOnce_neverReplayed(RecordedEvents events) {
        iag.enqueue(FakeResponse.ok("one two three four").streamCutAfter(2).chunkInterval(Duration.ofMillis(5)));
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<Throwable> error = new AtomicReference<>();

        chat.tokens(null, "q")
                .doOnNext(received::add)
                .doOnError(e -> { errors.incrementAndGet(); error.set(e); })
                .onErrorResume(e -> Flux.empty())
                .blockLast(WATCHDOG);

        assertEquals(1, errors.get());
        assertNotNull(error.get());
        assertEquals(false, received.isEmpty(), "the tokens before the cut were delivered");
        assertEquals(1, iag.requestCount(), "never replayed");
        assertEquals(0, oneapi.requestCount());
        assertEquals(1, events.ofType(StreamIncomplete.class).size(), events.timeline());
    }

    @Test
    void flux_nothingSentBeforeASubscription_andEachSubscriptionIsItsOwnCall() {
        Flux<String> tokens = chat.tokens(null, "q");
        assertEquals(0, iag.requestCount());

        tokens.blockLast(WATCHDOG);
        tokens.blockLast(WATCHDOG);

        assertEquals(2, iag.requestCount());
    }

    private static List<String> assertNotNullList(List<String> list) {
        assertNotNull(list);
        return list;
    }

    @Test
    void endpointParameterFourthFromTheLeft_isRebound_likeTheFirst(RecordedEvents events) {
        iag.enqueue(FakeResponse.quotaExhausted());

        assertEquals("Hello from oneapi! You said: abq", drive(chat.fourth("a", "b", "q", null)));
        assertEquals(List.of("iag", "oneapi"), events.attemptedEndpoints());
    }

    @Test
    void endpointParameterSixthFromTheLeft_isRebound_onAFluxToo(RecordedEvents events) {
        iag.enqueue(FakeResponse.status(504).times(3));

        List<String> tokens = drive(chat.sixth("a", "b", "c", "d", "q", null).collectList());
        assertEquals("Hello from oneapi! You said: abcdq", String.join("", assertNotNullList(tokens)).replace("  ", " "));
        assertEquals(List.of("iag", "iag", "iag", "oneapi"), events.attemptedEndpoints());
    }

    @Test
    void endpointParameterSeventhFromTheLeft_called_failsBeforeTheBody_sayingWhereToMoveIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> chat.farRight("a", "b", "c", "d", "e", "f", null));

        assertEquals("The Endpoint parameter of " + ReactiveChat.class.getName() + "#farRight is parameter 7, but the "
                + "llm-retry advice can pass the endpoint only in the first 6 parameters, so the method would not be "
                + "protected. Move it left, e.g. make it the first parameter.", e.getMessage());
        assertEquals(0, chat.bodies.get());
    }
}
