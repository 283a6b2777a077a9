package dev.llmretry.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The user's handler behind the resilient stream: one terminal callback, and its own failures contained. */
class HandlerSubscriberTest {
    private final List<String> seen = new ArrayList<>();
    private final List<String> upstream = new ArrayList<>();

    private HandlerSubscriber subscribed(StreamingChatResponseHandler handler) {
        HandlerSubscriber subscriber = new HandlerSubscriber(handler);
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override public void request(long n) { upstream.add("request " + n); }
            @Override public void cancel() { upstream.add("cancel"); }
        });
        return subscriber;
    }

    @Test
    void secondFailureAfterTheFirst_neverReachesTheHandler() {
        HandlerSubscriber subscriber = subscribed(new StreamingChatResponseHandler() {
            @Override public void onCompleteResponse(ChatResponse response) { seen.add("complete"); }
            @Override public void onError(Throwable error) { seen.add("error " + error.getMessage()); }
        });

        subscriber.onError(new RuntimeException("first"));
        subscriber.onError(new RuntimeException("second"));
        subscriber.onNext(h -> h.onPartialResponse("late"));

        assertEquals(List.of("error first"), seen);
        assertEquals(List.of("request " + Long.MAX_VALUE), upstream);
    }

    @Test
    void handlerWhoseOnErrorThrows_theExceptionStaysHere() {
        HandlerSubscriber subscriber = subscribed(new StreamingChatResponseHandler() {
            @Override public void onCompleteResponse(ChatResponse response) { }
            @Override public void onError(Throwable error) {
                seen.add("error");
                throw new IllegalStateException("the UI is gone");
            }
        });

        subscriber.onError(new RuntimeException("cut"));   // must not throw into the model's thread

        assertEquals(List.of("error"), seen);
    }

    @Test
    void handlerThrowingOnAToken_cancelsUpstream_andGetsItsExceptionOnce() {
        IllegalStateException boom = new IllegalStateException("boom");
        HandlerSubscriber subscriber = subscribed(new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String text) { throw boom; }
            @Override public void onCompleteResponse(ChatResponse response) { seen.add("complete"); }
            @Override public void onError(Throwable error) { seen.add("error " + (error == boom)); }
        });

        subscriber.onNext(h -> h.onPartialResponse("a"));
        subscriber.onNext(h -> h.onPartialResponse("b"));
        subscriber.onComplete();

        assertEquals(List.of("error true"), seen);
        assertTrue(upstream.contains("cancel"), upstream.toString());
    }
}
