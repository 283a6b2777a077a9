package dev.llmretry.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.llmretry.LlmHttpException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** One attempt as a publisher, driven by a scripted model that calls its handler the way LangChain4j's models do. */
class AttemptPublisherTest {
    private static final ChatRequest REQUEST = ChatRequest.builder().messages(UserMessage.from("hi")).build();
    private static final ChatResponse DONE = ChatResponse.builder().aiMessage(AiMessage.from("a b")).build();

    /** A raw server-sent event as LangChain4j's HTTP client passes it: something with a {@code data()}. */
    public record RawEvent(String data) {}

    /** Calls the handler with the script, synchronously, when chat(..) is called. */
    private static StreamingChatModel scripted(Consumer<StreamingChatResponseHandler> script) {
        return new StreamingChatModel() {
            @Override
            public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
                script.accept(handler);
            }
        };
    }

    /** Subscribes, requests {@code demand}, and returns what the subscriber saw, replayed on a recording handler. */
    private static final class Probe implements Flow.Subscriber<Consumer<StreamingChatResponseHandler>> {
        final List<String> seen = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        Flow.Subscription subscription;
        final StreamingChatResponseHandler replay = new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String text) { seen.add("partial:" + text); }
            @Override public void onUnmappedRawEvent(Object raw) { seen.add("raw:" + ((RawEvent) raw).data()); }
            @Override public void onCompleteResponse(ChatResponse r) { seen.add("complete:" + r.aiMessage().text()); }
            @Override public void onError(Throwable error) { throw new AssertionError("errors arrive as signals"); }
        };

        @Override public void onSubscribe(Flow.Subscription s) { subscription = s; }
        @Override public void onNext(Consumer<StreamingChatResponseHandler> element) { element.accept(replay); }
        @Override public void onError(Throwable t) { errors.add(t); seen.add("onError"); }
        @Override public void onComplete() { seen.add("onComplete"); }
    }

    private static Probe subscribe(StreamingChatModel model, long demand) {
        Probe probe = new Probe();
        new AttemptPublisher(model, REQUEST, ChatRequestOptions.EMPTY).subscribe(probe);
        probe.subscription.request(demand);
        return probe;
    }

    @Test
    void rawEventThenFailure_noElementReachesTheSubscriber_soTheAttemptCanBeRetried() {
        RuntimeException cut = new RuntimeException("closed");

        Probe probe = subscribe(scripted(h -> {
            h.onUnmappedRawEvent(new RawEvent("{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}"));
            h.onError(cut);
        }), Long.MAX_VALUE);

        assertEquals(List.of("onError"), probe.seen);
        assertSame(cut, probe.errors.get(0));
    }

    @Test
    void rawEventBeforeTheFirstToken_travelsWithIt_inOrder() {
        Probe probe = subscribe(scripted(h -> {
            h.onUnmappedRawEvent(new RawEvent("role"));
            h.onPartialResponse("a");
            h.onPartialResponse(" b");
            h.onUnmappedRawEvent(new RawEvent("usage"));
            h.onCompleteResponse(DONE);
        }), Long.MAX_VALUE);

        assertEquals(List.of("raw:role", "partial:a", "partial: b", "raw:usage", "complete:a b", "onComplete"), probe.seen);
    }

    @Test
    void errorEventBeforeTheFirstToken_failsTheAttempt_withTheEventAsA200Body() {
        String body = "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}";

        Probe probe = subscribe(scripted(h -> {
            h.onUnmappedRawEvent(new RawEvent(body));
            h.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from("")).build()); // as LangChain4j does
        }), Long.MAX_VALUE);

        assertEquals(List.of("onError"), probe.seen);
        LangChain4jException e = assertInstanceOf(LangChain4jException.class, probe.errors.get(0));
        LlmHttpException http = assertInstanceOf(LlmHttpException.class, e.getCause());
        assertEquals(200, http.status());
        assertEquals("server_error", http.errorCode());
    }

    @Test
    void sseErrorEventReportedAsBareRuntimeException_becomesAnErrorEventTheClassifierCanRead() {
        String data = "{\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";

        Probe probe = subscribe(scripted(h -> h.onError(new RuntimeException(data))), Long.MAX_VALUE);

        LlmHttpException http = assertInstanceOf(LlmHttpException.class, probe.errors.get(0).getCause());
        assertEquals("overloaded_error", http.errorCode());
    }

    @Test
    void otherFailures_reachTheSubscriberUnchanged() {
        RuntimeException plain = new RuntimeException("not json");
        RuntimeException wrapped = new RuntimeException(new java.io.IOException("{\"error\":{}}"));

        assertSame(plain, subscribe(scripted(h -> h.onError(plain)), 1).errors.get(0));
        assertSame(wrapped, subscribe(scripted(h -> h.onError(wrapped)), 1).errors.get(0));
    }

    @Test
    void demandOfOne_deliversOneElementPerRequest_thenTheRest() {
        Probe probe = subscribe(scripted(h -> {
            h.onPartialResponse("a");
            h.onPartialResponse(" b");
            h.onCompleteResponse(DONE);
        }), 1);

        assertEquals(List.of("partial:a"), probe.seen);
        probe.subscription.request(1);
        assertEquals(List.of("partial:a", "partial: b"), probe.seen);
        probe.subscription.request(5);
        assertEquals(List.of("partial:a", "partial: b", "complete:a b", "onComplete"), probe.seen);
    }

    @Test
    void modelThrowingInsteadOfCallingOnError_becomesOnError() {
        IllegalStateException thrown = new IllegalStateException("no API key");

        Probe probe = subscribe(scripted(h -> { throw thrown; }), Long.MAX_VALUE);

        assertEquals(List.of("onError"), probe.seen);
        assertSame(thrown, probe.errors.get(0));
    }

    @Test
    void nonPositiveRequest_signalsOnErrorAsRule39Says() {
        Probe probe = subscribe(scripted(h -> h.onPartialResponse("a")), 0);

        assertInstanceOf(IllegalArgumentException.class, probe.errors.get(0));
    }
}
