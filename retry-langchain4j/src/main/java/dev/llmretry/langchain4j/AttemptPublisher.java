package dev.llmretry.langchain4j;

import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One attempt of a streaming call as a {@link Flow.Publisher}: on the first request it starts the wrapped model's
 * {@code chat(request, options, handler)} and publishes each callback as an element that replays it on the user's
 * handler (a partial response, thinking, a tool call, and last the complete response), then completes; the model's
 * {@code onError} becomes {@code onError}. So the first partial response is the first element, which is where
 * llm-retry stops retrying. Unmapped raw events (OpenAI's role-only first chunk, the usage chunk) are not content:
 * they travel with the next element rather than count as the first one, and an error event among them fails the
 * attempt ({@link ErrorEvents}). Callbacks arrive on the model's thread and are buffered until demanded. One
 * subscriber; the signals to it are serialized.
 */
final class AttemptPublisher implements Flow.Publisher<Consumer<StreamingChatResponseHandler>> {
    private final StreamingChatModel model;
    private final ChatRequest request;
    private final ChatRequestOptions options;

    AttemptPublisher(StreamingChatModel model, ChatRequest request, ChatRequestOptions options) {
        this.model = model;
        this.request = request;
        this.options = options;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Consumer<StreamingChatResponseHandler>> subscriber) {
        Attempt attempt = new Attempt(subscriber);
        subscriber.onSubscribe(attempt);
    }

    /** The subscription, and the handler given to the wrapped model. */
    private final class Attempt implements Flow.Subscription, StreamingChatResponseHandler {
        private final Flow.Subscriber<? super Consumer<StreamingChatResponseHandler>> subscriber;
        private final Queue<Consumer<StreamingChatResponseHandler>> buffer = new ConcurrentLinkedQueue<>();
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger drains = new AtomicInteger();
        private final AtomicBoolean started = new AtomicBoolean();
        private volatile boolean done;          // the model finished (complete response or error)
        private volatile Throwable error;
        private volatile boolean cancelled;
        private volatile StreamingHandle handle; // from the model's callbacks: cancels its HTTP stream
        private boolean terminated;             // only touched inside drain()
        private final List<Object> heldRawEvents = new ArrayList<>(); // model callbacks are sequential: no lock
        private boolean emitted;                // model thread only

        Attempt(Flow.Subscriber<? super Consumer<StreamingChatResponseHandler>> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                error = new IllegalArgumentException("request(" + n + "): demand must be positive (rule 3.9)");
                done = true;
            } else {
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            }
            if (!done && started.compareAndSet(false, true)) {
                try {
                    model.chat(request, options, this);
                } catch (RuntimeException e) {
                    onError(e); // a model that throws instead of calling onError
                }
            }
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            buffer.clear();
            StreamingHandle h = handle;
            if (h != null && !done) h.cancel();
        }

        private void emit(Consumer<StreamingChatResponseHandler> signal) {
            if (cancelled || done) return;
            if (!heldRawEvents.isEmpty()) {
                List<Object> raw = List.copyOf(heldRawEvents);
                heldRawEvents.clear();
                Consumer<StreamingChatResponseHandler> content = signal;
                signal = h -> {
                    raw.forEach(h::onUnmappedRawEvent);
                    content.accept(h);
                };
            }
            emitted = true;
            buffer.add(signal);
            drain();
        }

        /** A callback that carries the model's handle to its HTTP stream, kept for {@link #cancel()}. */
        private void emit(StreamingHandle streamingHandle, Consumer<StreamingChatResponseHandler> signal) {
            handle = streamingHandle;
            emit(signal);
        }

        @Override public void onPartialResponse(String text) { emit(h -> h.onPartialResponse(text)); }

        @Override public void onPartialThinking(PartialThinking thinking) { emit(h -> h.onPartialThinking(thinking)); }

        @Override public void onPartialToolCall(PartialToolCall call) { emit(h -> h.onPartialToolCall(call)); }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext c) {
            emit(c.streamingHandle(), h -> h.onPartialResponse(partial, c));
        }

        @Override
        public void onPartialThinking(PartialThinking thinking, PartialThinkingContext c) {
            emit(c.streamingHandle(), h -> h.onPartialThinking(thinking, c));
        }

        @Override
        public void onPartialToolCall(PartialToolCall call, PartialToolCallContext c) {
            emit(c.streamingHandle(), h -> h.onPartialToolCall(call, c));
        }

        @Override public void onCompleteToolCall(CompleteToolCall call) { emit(h -> h.onCompleteToolCall(call)); }

        @Override
        public void onUnmappedRawEvent(Object event) {
            RuntimeException failure = ErrorEvents.failure(event);
            if (failure != null) {
                onError(failure);
            } else if (emitted) {
                emit(h -> h.onUnmappedRawEvent(event));
            } else if (!done) {
                heldRawEvents.add(event);
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            emit(h -> h.onCompleteResponse(response));
            done = true;
            drain();
        }

        @Override
        public void onError(Throwable failure) {
            if (done) return;
            error = ErrorEvents.readable(failure);
            done = true;
            drain();
        }

        /** Delivers buffered elements while there is demand, then the terminal signal; one thread at a time. */
        private void drain() {
            if (drains.getAndIncrement() != 0) return;
            int missed = 1;
            do {
                while (!cancelled && !terminated && demand.get() > 0 && !buffer.isEmpty()) {
                    demand.decrementAndGet();
                    subscriber.onNext(buffer.poll());
                }
                if (!cancelled && !terminated && done && (error != null || buffer.isEmpty())) {
                    terminated = true;
                    buffer.clear();
                    if (error != null) subscriber.onError(error);
                    else subscriber.onComplete();
                }
                missed = drains.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}
