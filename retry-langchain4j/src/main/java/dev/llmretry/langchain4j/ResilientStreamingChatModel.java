package dev.llmretry.langchain4j;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.llmretry.LlmCall;
import java.util.Map;
import java.util.Set;

/**
 * Several LangChain4j {@link StreamingChatModel}s behind one, retried and failed over only until the first partial
 * response: a stream that fails before its first token (a 429, a 503, a connection cut) is retried on the same
 * endpoint or sent to the next one, and the handler never hears of it; once a partial response (or thinking, or a
 * tool call) has reached the handler, a failure reaches its {@code onError} once and the answer is never replayed,
 * so the user never sees text twice. Each attempt goes through the chosen endpoint's model, so its
 * {@code ChatModelListener}s see every attempt. A failure that is not retried reaches {@code onError} as the model
 * reported it; every circuit open gives {@code EndpointsUnavailableException}.
 *
 * <pre>{@code
 * StreamingChatModel model = ResilientStreamingChatModel.builder()
 *         .endpoint("iag", OpenAiStreamingChatModel.builder().baseUrl(iagUrl).apiKey(iagKey).modelName("gpt-4o").build())
 *         .endpoint("oneapi", OpenAiStreamingChatModel.builder().baseUrl(oneapiUrl).apiKey(oneapiKey).modelName("gpt-4o").build())
 *         .retry("streaming")
 *         .build();
 * model.chat("Hello", handler);   // returns at once; the handler is called on the client's threads
 * }</pre>
 *
 * <p>Handler callbacks for one call never overlap. An exception the handler throws ends the call: the model's
 * stream is cancelled and the exception goes to the handler's {@code onError} (an {@code onError} that throws is
 * logged). Thread-safe.
 */
public final class ResilientStreamingChatModel implements StreamingChatModel {
    private final Map<String, StreamingChatModel> models;
    private final LlmCall call;

    private ResilientStreamingChatModel(Builder builder) {
        this.models = builder.models("ResilientStreamingChatModel");
        this.call = builder.buildCall();
        OwnRetriesCheck.warnIfRetrying(models);
    }

    /** A builder; add endpoints in the order they should be tried. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        call.publisher(endpoint -> new AttemptPublisher(models.get(endpoint.name()), request, options))
                .subscribe(new HandlerSubscriber(handler));
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        chat(request, ChatRequestOptions.EMPTY, handler);
    }

    /** What every endpoint's model supports: a capability only some have could fail after a failover. */
    @Override
    public Set<Capability> supportedCapabilities() {
        return Capabilities.common(models.values().stream().map(StreamingChatModel::supportedCapabilities).toList());
    }

    @Override
    public String toString() {
        return "ResilientStreamingChatModel" + models.keySet();
    }

    /** Builds a {@link ResilientStreamingChatModel}; see {@link ResilientModelBuilder}. Not thread-safe. */
    public static final class Builder extends ResilientModelBuilder<StreamingChatModel, Builder> {
        private Builder() {
            super("langchain4j.streaming-chat");
        }

        /** The model; an unknown endpoint or policy name throws {@code LlmRetryConfigException}. */
        public ResilientStreamingChatModel build() {
            return new ResilientStreamingChatModel(this);
        }
    }
}
