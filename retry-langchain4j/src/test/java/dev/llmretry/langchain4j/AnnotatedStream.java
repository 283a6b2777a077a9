package dev.llmretry.langchain4j;

import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmRetry;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/** A woven method returning the same per-attempt publisher the resilient streaming model uses. */
public class AnnotatedStream {
    private final Map<String, StreamingChatModel> models;

    AnnotatedStream(Map<String, StreamingChatModel> models) {
        this.models = models;
    }

    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi"})
    public Flow.Publisher<Consumer<StreamingChatResponseHandler>> stream(ChatRequest request, Endpoint endpoint) {
        return new AttemptPublisher(models.get(endpoint.name()), request, ChatRequestOptions.EMPTY);
    }

    /** Streams to {@code handler} as ResilientStreamingChatModel does. */
    void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        stream(request, null).subscribe(new HandlerSubscriber(handler));
    }
}
