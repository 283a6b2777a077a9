package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmCall;
import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.annotation.Jitter;
import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.event.CallStarted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.RetryScheduled;
import dev.llmretry.event.LlmRetryEvent;
import dev.llmretry.event.LlmRetryListener;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link LlmCall} against the woven {@link ChatService#chat}: the same policies give the same attempts, waits and
 * events (only the name in {@code method()} differs), because both run one decision core.
 */
class LlmCallTest extends WovenTestBase {
    private static final String CHAT = "dev.llmretry.it.ChatService#chat";

    enum Way { WOVEN, LLM_CALL }

    /** The same policies as {@code @LlmRetry(jitter = NONE) @Failover(endpoints = {"iag", "oneapi", "litellm"})}. */
    private String chat(Way way, String question) throws Exception {
        if (way == Way.WOVEN) return service.chat(question, null);
        LlmCall call = LlmCall.builder("acme.chat").retry("default").jitter(Jitter.NONE)
                .failover("iag", "oneapi", "litellm").build();
        return call.call(endpoint -> backend.call(endpoint.name(), question));
    }

    private String name(Way way) {
        return way == Way.WOVEN ? CHAT : "acme.chat";
    }

    /** The events' decisions as text, with the call's name and ids taken out: both ways must match literally. */
    private List<String> transcript(Way way) {
        return events.stream().map(e -> {
            String common = "callId=N, method=" + (e.method().equals(name(way)) ? "<call>" : e.method());
            if (e instanceof RetryScheduled r) return "RetryScheduled[" + common + ", attempt=" + r.attempt()
                    + ", maxAttempts=" + r.maxAttempts() + ", endpoint=" + r.endpoint() + ", decision=" + r.decision()
                    + ", reason=" + r.reason() + ", delay=" + r.delay() + "]";
            if (e instanceof CircuitStateChanged c) return "CircuitStateChanged[breaker=" + c.breaker() + ", from="
                    + c.from() + ", to=" + c.to() + "]";
            if (e instanceof FailedOver f) return "FailedOver[" + common + ", attempt=" + f.attempt() + ", from="
                    + f.from() + ", to=" + f.to() + ", reason=" + f.reason() + "]";
            if (e instanceof CallSucceeded c) return "CallSucceeded[" + common + ", endpoint=" + c.endpoint()
                    + ", attempts=" + c.attempts() + ", failedOver=" + c.failedOver() + "]";
            return e.getClass().getSimpleName();
        }).toList();
    }

    static LlmHttpException status(int code) {
        return new LlmHttpException(code, Map.of(), "");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void seedsScenario_sameAttemptsWaitsAndEventsEitherWay(Way way) throws Exception {
        backend.script("iag", status(504), status(504), status(504));

        assertEquals("answer from oneapi to q", chat(way, "q"));

        assertEquals(List.of("iag", "iag", "iag", "oneapi"), backend.calls());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.waits());
        assertEquals(List.of("RetryScheduled", "RetryScheduled", "CircuitStateChanged", "FailedOver", "CallSucceeded"),
                eventKinds());
        assertEquals(List.of(name(way), name(way), name(way), name(way), name(way)),
                events.stream().map(LlmRetryEvent::method).toList());
        assertEquals(List.of(
                "RetryScheduled[callId=N, method=<call>, attempt=1, maxAttempts=6, endpoint=iag, decision=RETRY, reason=server_error, delay=PT1S]",
                "RetryScheduled[callId=N, method=<call>, attempt=2, maxAttempts=6, endpoint=iag, decision=RETRY, reason=server_error, delay=PT2S]",
                "CircuitStateChanged[breaker=iag, from=CLOSED, to=OPEN]",
                "FailedOver[callId=N, method=<call>, attempt=3, from=iag, to=oneapi, reason=circuit_open]",
                "CallSucceeded[callId=N, method=<call>, endpoint=oneapi, attempts=4, failedOver=true]"), transcript(way));
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void badRequest_abortsAtOnce_oneAttemptEitherWay(Way way) {
        backend.script("iag", status(400));

        LlmHttpException e = assertThrows(LlmHttpException.class, () -> chat(way, "q"));

        assertEquals(400, e.status());
        assertEquals(List.of("iag"), backend.calls());
        assertEquals(List.of(), clock.waits());
        assertEquals(List.of("CallAborted"), eventKinds(), "one end event, so metrics count the call as failed");
        dev.llmretry.event.CallAborted aborted = (dev.llmretry.event.CallAborted) events.get(0);
        assertEquals(name(way), aborted.method());
        assertEquals("iag", aborted.endpoint());
        assertEquals(1, aborted.attempts());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void quota_failsOverWithoutRetry_eitherWay(Way way) throws Exception {
        backend.script("iag", new LlmHttpException(429, Map.of(),
                "{\"error\":{\"code\":\"insufficient_quota\",\"message\":\"You exceeded your current quota\"}}"));

        assertEquals("answer from oneapi to q", chat(way, "q"));

        assertEquals(List.of("iag", "oneapi"), backend.calls());
        assertEquals(List.of(), clock.waits());
        assertEquals(List.of("FailedOver", "CallSucceeded"), eventKinds());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void catchAllListener_getsCallStartedAndSuccess_withOneCallId(Way way) throws Exception {
        List<LlmRetryEvent> all = new CopyOnWriteArrayList<>();
        LlmRetryListener recorder = new LlmRetryListener() {
            @Override public void onEvent(LlmRetryEvent e) { all.add(e); }
        };
        LlmResilience.addListener(recorder);
        try {
            chat(way, "q");
        } finally {
            LlmResilience.removeListener(recorder);
        }
        assertEquals(2, all.size(), all::toString);
        CallStarted started = assertInstanceOf(CallStarted.class, all.get(0));
        CallSucceeded succeeded = assertInstanceOf(CallSucceeded.class, all.get(1));
        assertEquals(name(way), started.method());
        assertTrue(started.callId() != 0);
        assertEquals(started.callId(), succeeded.callId());
    }

    @Test
    void methodsEntryKeyedByCallName_overridesTheCallsPolicy() throws Exception {
        LlmResilience.useConfig("test retry.yaml", """
                retry:
                  default: { max-attempts: 6, initial-backoff: 1s, jitter: none }
                endpoints:
                  iag: { url: "https://iag.example/v1" }
                methods:
                  "acme.summarize": { retry: { max-attempts: 2 } }
                """);
        LlmCall summarize = LlmCall.builder("acme.summarize").retry("default").failover("iag").build();
        backend.script("iag", status(503), status(503), status(503));

        assertThrows(LlmHttpException.class, () -> summarize.call(e -> backend.call(e.name(), "q")));

        assertEquals(List.of("iag", "iag"), backend.calls(), "max-attempts 2 from the methods: entry");
    }

    @Test
    void callUsedBeforeAReload_picksUpTheNewSettings_atItsNextCall() throws Exception {
        LlmCall summarize = LlmCall.builder("acme.summarize").retry("default").failover("iag").build();
        backend.script("iag", status(503), status(503));
        assertEquals("answer from iag to q", summarize.call(e -> backend.call(e.name(), "q")), "a third attempt allowed");

        LlmResilience.useConfig("reloaded retry.yaml", """
                retry:
                  default: { max-attempts: 6, initial-backoff: 1s, jitter: none }
                endpoints:
                  iag: { url: "https://iag.example/v1" }
                methods:
                  "acme.summarize": { retry: { max-attempts: 2 } }
                """);
        backend.script("iag", status(503), status(503), status(503));

        assertThrows(LlmHttpException.class, () -> summarize.call(e -> backend.call(e.name(), "q")));
        assertEquals(List.of("iag", "iag", "iag", "iag", "iag"), backend.calls(), "3, then 2 after the reload");
    }

    @Test
    void unknownEndpoint_build_failsWithDidYouMean() {
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> LlmCall.builder("acme.chat").failover("iag", "onapi").build());
        assertEquals("LlmCall \"acme.chat\": retry.yaml: no endpoint named 'onapi', did you mean 'oneapi'? (defined: "
                + "iag, oneapi, litellm); add it under endpoints: in retry.yaml", e.getMessage());
    }

    /** Nothing checks an LlmCall at compile time: build() refuses what the processor refuses on an annotation. */
    @Test
    void compileTimeErrors_duplicateEndpointOrDeadRetryOn_failTheBuild() {
        LlmRetryConfigException twice = assertThrows(LlmRetryConfigException.class,
                () -> LlmCall.builder("acme.chat").failover("iag", "oneapi", "iag").build());
        assertEquals("LlmCall \"acme.chat\": lists endpoint 'iag' more than once; it would be tried twice. Remove the "
                + "duplicate.", twice.getMessage());
        LlmRetryConfigException dead = assertThrows(LlmRetryConfigException.class,
                () -> LlmCall.builder("acme.chat").retry("default").retryOn(java.io.IOException.class)
                        .abortOn(java.io.IOException.class).build());
        assertTrue(dead.getMessage().startsWith("LlmCall \"acme.chat\": lists IOException in both retryOn and abortOn"),
                dead.getMessage());
    }

    @Test
    void unknownPolicyOrBadValue_build_fails() {
        LlmRetryConfigException policy = assertThrows(LlmRetryConfigException.class,
                () -> LlmCall.builder("acme.chat").retry("defualt").build());
        assertTrue(policy.getMessage().contains("did you mean 'default'"), policy.getMessage());
        LlmRetryConfigException value = assertThrows(LlmRetryConfigException.class,
                () -> LlmCall.builder("acme.chat").maxAttempts(0).build());
        assertTrue(value.getMessage().startsWith("LlmCall \"acme.chat\": max-attempts"), value.getMessage());
    }

    @Test
    void checkedExceptionOfTheLambda_reachesTheCallerTyped() {
        LlmCall call = LlmCall.builder("acme.io").build();
        IOException thrown = new IOException("disk");
        try {
            call.call(endpoint -> {
                throw thrown;
            });
        } catch (IOException e) {
            assertSame(thrown, e);
            return;
        }
        throw new AssertionError("no IOException");
    }

    @Test
    void async_retriesOnTheSamePlan() throws Exception {
        LlmCall call = LlmCall.builder("acme.async").retry("default").jitter(Jitter.NONE).failover("iag", "oneapi").build();
        backend.script("iag", status(503));

        CompletableFuture<String> f = call.callAsync(e -> {
            try {
                return CompletableFuture.completedFuture(backend.call(e.name(), "q"));
            } catch (Exception ex) {
                return CompletableFuture.failedFuture(ex);
            }
        });

        clock.runUntil(f::isDone);
        assertEquals("answer from iag to q", f.join());
        assertEquals(List.of("iag", "iag"), backend.calls());
        assertEquals(List.of(Duration.ofSeconds(1)), clock.waits());
    }

    @Test
    void stream_failsOverBeforeTheFirstElement() {
        LlmCall call = LlmCall.builder("acme.stream").failover("iag", "oneapi").build();
        backend.script("iag", status(503));

        Stream<String> tokens = call.stream(e -> Stream.of(backend.call(e.name(), "q").split(" ")));

        assertEquals(List.of("answer", "from", "oneapi", "to", "q"), tokens.toList());
        assertEquals(List.of("iag", "oneapi"), backend.calls());
    }

    @Test
    void forMethod_isTheWovenMethodsPlan_andRejectsUnannotatedMethods() throws Exception {
        LlmCall call = LlmCall.forMethod(ChatService.class.getMethod("chat", String.class, dev.llmretry.Endpoint.class));
        assertEquals(CHAT, call.name());
        backend.script("iag", status(504), status(504), status(504));

        assertEquals("answer from oneapi to q", call.call(e -> backend.call(e.name(), "q")));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.waits());
        assertThrows(IllegalArgumentException.class, () -> LlmCall.forMethod(Object.class.getMethod("toString")));
        assertSame(call, LlmCall.forMethod(ChatService.class.getMethod("chat", String.class, dev.llmretry.Endpoint.class)),
                "cached per method: an interceptor may ask on every invocation");
    }
}
