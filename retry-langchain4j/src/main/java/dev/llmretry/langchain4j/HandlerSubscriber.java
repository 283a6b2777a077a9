package dev.llmretry.langchain4j;

import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the elements of the resilient stream on the user's handler and reports its failure to
 * {@code onError} once. A handler that throws ends the stream with that exception, as a consumer's failure would.
 */
final class HandlerSubscriber implements Flow.Subscriber<Consumer<StreamingChatResponseHandler>> {
    private static final Logger LOG = LoggerFactory.getLogger("dev.llmretry.langchain4j");

    private final StreamingChatResponseHandler handler;
    private Flow.Subscription subscription;
    private boolean finished;   // signals are serialized (rule 1.3), so no lock

    HandlerSubscriber(StreamingChatResponseHandler handler) {
        this.handler = handler;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Consumer<StreamingChatResponseHandler> signal) {
        if (finished) return;
        try {
            signal.accept(handler);
        } catch (RuntimeException e) {
            subscription.cancel();
            onError(e);
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (finished) return;
        finished = true;
        try {
            handler.onError(failure);
        } catch (RuntimeException e) {
            // the failure's class only: its message may hold a response body
            LOG.warn("StreamingChatResponseHandler.onError threw while handling a {}", failure.getClass().getName(), e);
        }
    }

    @Override
    public void onComplete() {
        finished = true; // the complete response was the last element
    }
}
