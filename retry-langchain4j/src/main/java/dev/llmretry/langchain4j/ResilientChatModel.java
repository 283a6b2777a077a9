package dev.llmretry.langchain4j;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.llmretry.LlmCall;
import java.util.Map;

/**
 * Several LangChain4j {@link ChatModel}s behind one: each call is retried, failed over between the endpoints and
 * guarded by their circuit breakers as an annotated method would be ({@link LlmCall} underneath). Each attempt goes
 * to the model of the endpoint llm-retry chose, through that model's own {@code chat(..)}, so its request defaults
 * and its {@code ChatModelListener}s see every attempt. A failure that is not retried reaches the caller as the
 * model threw it (a 400 stays LangChain4j's {@code InvalidRequestException}); every circuit open gives
 * {@code EndpointsUnavailableException}.
 *
 * <pre>{@code
 * ChatModel model = ResilientChatModel.builder()
 *         .endpoint("iag", OpenAiChatModel.builder().baseUrl(iagUrl).apiKey(iagKey).modelName("gpt-4o").maxRetries(0).build())
 *         .endpoint("oneapi", OpenAiChatModel.builder().baseUrl(oneapiUrl).apiKey(oneapiKey).modelName("gpt-4o").maxRetries(0).build())
 *         .retry("default")
 *         .build();
 * String answer = model.chat("Hello");
 * }</pre>
 *
 * <p>Build the wrapped models with {@code maxRetries(0)}: a model that retries on its own is reported once with a
 * WARN. The resilient model has no request defaults of its own ({@link #defaultRequestParameters()} is empty), so
 * each endpoint's model name and parameters stay its own. Thread-safe.
 */
public final class ResilientChatModel implements ChatModel {
    private final Map<String, ChatModel> models;
    private final LlmCall call;

    private ResilientChatModel(Builder builder) {
        this.models = builder.models("ResilientChatModel");
        this.call = builder.buildCall();
        OwnRetriesCheck.warnIfRetrying(models);
    }

    /** A builder; add endpoints in the order they should be tried. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        return call.call(endpoint -> models.get(endpoint.name()).chat(request, options));
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return chat(request, ChatRequestOptions.EMPTY);
    }

    /** What every endpoint's model supports: a capability only some have could fail after a failover. */
    @Override
    public java.util.Set<Capability> supportedCapabilities() {
        return Capabilities.common(models.values().stream().map(ChatModel::supportedCapabilities).toList());
    }

    @Override
    public String toString() {
        return "ResilientChatModel" + models.keySet();
    }

    /** Builds a {@link ResilientChatModel}; see {@link ResilientModelBuilder}. Not thread-safe. */
    public static final class Builder extends ResilientModelBuilder<ChatModel, Builder> {
        private Builder() {
            super("langchain4j.chat");
        }

        /** The model; an unknown endpoint or policy name throws {@code LlmRetryConfigException}. */
        public ResilientChatModel build() {
            return new ResilientChatModel(this);
        }
    }
}
