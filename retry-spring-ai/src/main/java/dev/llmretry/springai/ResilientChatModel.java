package dev.llmretry.springai;

import dev.llmretry.Endpoint;
import dev.llmretry.LlmCall;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/**
 * Several Spring AI {@link ChatModel}s behind one: each call is retried (reading {@code Retry-After}), failed over
 * between the wrapped models by their endpoint's circuit and the failure's class, and a {@link #stream(Prompt)} is
 * retried only until its first element, never replayed after it. Endpoint names are those of {@code endpoints:} in
 * retry.yaml, so circuits, health and events are shared with annotated methods and {@link LlmCall}s that name them.
 *
 * <pre>{@code
 * ChatModel chat = ResilientChatModel.builder()
 *         .endpoint("iag", iagModel)            // OpenAiChatModel with maxRetries(0)
 *         .endpoint("oneapi", oneapiModel)
 *         .retry("default")
 *         .build();
 * String answer = ChatClient.create(chat).prompt("Capital of France?").call().content();
 * }</pre>
 *
 * <p>Turn the wrapped models' own retries off ({@code maxRetries(0)}, {@code spring.ai.retry.max-attempts: 1}): see
 * docs/spring-ai.md. {@link #getDefaultOptions()} is empty on purpose: each attempt lays a prompt's portable options
 * over its wrapped model's own defaults, so each model keeps its model name. Immutable and thread-safe.
 */
public final class ResilientChatModel implements ChatModel {
    /** The name of a call built without {@link Builder#name(String)}. */
    public static final String DEFAULT_NAME = "spring-ai.chat";

    private final Map<String, ChatModel> models;
    private final LlmCall call;

    ResilientChatModel(Map<String, ChatModel> models, LlmCall call) {
        this.models = models;
        this.call = call;
    }

    /** A builder; at least one {@link Builder#endpoint(String, ChatModel) endpoint} is needed. */
    public static Builder builder() {
        return new Builder();
    }

    /** The wrapped models' endpoint names, in the order given to the builder. */
    public List<String> endpoints() {
        return List.copyOf(models.keySet());
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        return call.call(endpoint -> {
            ChatModel model = model(endpoint);
            return model.call(forModel(prompt, model));
        });
    }

    /**
     * A cold {@code Flux}: each subscription is one resilient call, retried and failed over until the first
     * {@code ChatResponse} arrives; a failure after it ends the {@code Flux} with that error, once.
     */
    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        return JdkFlowAdapter.flowPublisherToFlux(call.publisher(endpoint -> {
            ChatModel model = model(endpoint);
            return JdkFlowAdapter.publisherToFlowPublisher(model.stream(forModel(prompt, model)));
        }));
    }

    /**
     * Empty portable options: a {@code ChatClient} builds every prompt's options from these, and each attempt merges
     * them into its wrapped model's own defaults (see {@link #forModel}), so each model keeps its model name.
     */
    @Override
    public ChatOptions getDefaultOptions() {
        return ToolCallingChatOptions.builder().build();
    }

    /**
     * The prompt as {@code model} expects it. Spring AI 2 models require their own options type (OpenAiChatModel
     * casts to OpenAiChatOptions), so portable options (what a ChatClient sends: temperature, max tokens, tools, ...)
     * are laid over the model's defaults; options already of the model's type are passed as given.
     */
    static Prompt forModel(Prompt prompt, ChatModel model) {
        ChatOptions given = prompt.getOptions();
        ChatOptions defaults = model.getDefaultOptions();
        if (given == null || defaults == null || defaults.getClass().isInstance(given)) return prompt;
        ChatOptions merged = defaults.mutate().combineWith(given.mutate()).build();
        return new Prompt(prompt.getInstructions(), merged);
    }

    private ChatModel model(Endpoint endpoint) {
        ChatModel model = models.get(endpoint.name());
        if (model == null) {
            throw new IllegalStateException("ResilientChatModel was given no ChatModel for endpoint '" + endpoint.name()
                    + "'; it has " + models.keySet());
        }
        return model;
    }

    @Override
    public String toString() {
        return "ResilientChatModel" + models.keySet();
    }

    /**
     * Builds a {@link ResilientChatModel}; not thread-safe. The endpoint order is the failover order (unless the
     * strategy in retry.yaml says otherwise). {@link #build()} throws {@code LlmRetryConfigException} for a name or
     * policy that retry.yaml does not have, with the usual message.
     */
    public static final class Builder {
        private final Map<String, ChatModel> models = new LinkedHashMap<>();
        private String name = DEFAULT_NAME;
        private String retry;
        private String circuitBreaker;
        private Integer maxAttempts;
        private Duration maxDuration;

        private Builder() {
        }

        /** The call's name: its {@code methods:} key in retry.yaml and {@code method()} in events; default {@value #DEFAULT_NAME}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** A wrapped model and the retry.yaml endpoint whose circuit and health it uses. */
        public Builder endpoint(String endpoint, ChatModel model) {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(model, () -> "model of endpoint '" + endpoint + "'");
            if (model instanceof ResilientChatModel) {
                throw new IllegalArgumentException("endpoint '" + endpoint + "' wraps a ResilientChatModel: wrap the "
                        + "provider's ChatModel instead, or every attempt would be retried twice");
            }
            if (models.putIfAbsent(endpoint, model) != null) {
                throw new IllegalArgumentException("endpoint '" + endpoint + "' was given twice; give each endpoint one model");
            }
            return this;
        }

        /** The named retry policy of retry.yaml; without it each endpoint is tried once (like no {@code @LlmRetry}). */
        public Builder retry(String policy) {
            this.retry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The named circuit-breaker policy for the endpoints that have none of their own. */
        public Builder circuitBreaker(String policy) {
            this.circuitBreaker = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Attempts across all endpoints, as {@code @LlmRetry(maxAttempts)}. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Bound of the whole call, waits included, as {@code @LlmRetry(maxDuration)}. */
        public Builder maxDuration(Duration maxDuration) {
            this.maxDuration = Objects.requireNonNull(maxDuration, "maxDuration");
            return this;
        }

        public ResilientChatModel build() {
            if (models.isEmpty()) {
                throw new IllegalStateException("ResilientChatModel needs at least one endpoint: "
                        + "builder().endpoint(\"iag\", iagModel).build()");
            }
            LlmCall.Builder call = LlmCall.builder(name).failover(models.keySet().toArray(String[]::new));
            if (retry != null) call.retry(retry);
            if (circuitBreaker != null) call.circuitBreaker(circuitBreaker);
            if (maxAttempts != null) call.maxAttempts(maxAttempts);
            if (maxDuration != null) call.maxDuration(maxDuration);
            LlmCall built = call.build();
            return new ResilientChatModel(Collections.unmodifiableMap(new LinkedHashMap<>(models)), built);
        }
    }
}
