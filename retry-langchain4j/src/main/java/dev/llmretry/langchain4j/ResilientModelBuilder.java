package dev.llmretry.langchain4j;

import dev.llmretry.LlmCall;
import dev.llmretry.annotation.FailoverStrategy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link ResilientChatModel#builder()} and {@link ResilientStreamingChatModel#builder()} share: the named
 * endpoints, each a LangChain4j model, and the policies of the {@link LlmCall} behind the resilient model. Endpoint
 * names are keys of {@code endpoints:} in retry.yaml, so circuit breakers, health and events are the ones annotated
 * methods and other {@code LlmCall}s naming the same endpoints see. The endpoint's {@code url}, {@code model} and
 * {@code api-key} in retry.yaml are not used: the LangChain4j model brings its own.
 *
 * <pre>{@code
 * ChatModel model = ResilientChatModel.builder()
 *         .endpoint("iag", iagModel).endpoint("oneapi", oneapiModel)   // tried in this order (strategy PRIORITY)
 *         .retry("default")                                            // without it: no retries, failover only
 *         .build();
 * }</pre>
 *
 * <p>Not thread-safe; the model it builds is.
 *
 * @param <M> the LangChain4j model type
 * @param <B> the concrete builder
 */
public abstract class ResilientModelBuilder<M, B extends ResilientModelBuilder<M, B>> {
    private final Map<String, M> models = new LinkedHashMap<>();
    private String name;
    private String retryPolicy;
    private String circuitBreakerPolicy;
    private Integer maxAttempts;
    private Duration maxDuration;
    private FailoverStrategy strategy;

    ResilientModelBuilder(String defaultName) {
        this.name = defaultName;
    }

    /**
     * Adds an endpoint: {@code name} must be an endpoint of retry.yaml; {@code model} serves the attempts made on it.
     * Endpoints are tried in the order they are added (with the default strategy).
     */
    public B endpoint(String name, M model) {
        Objects.requireNonNull(model, () -> "the model of endpoint '" + name + "' is null");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("endpoint name was '" + name + "', must be a name from retry.yaml endpoints:");
        }
        if (models.putIfAbsent(name, model) != null) {
            throw new IllegalArgumentException("endpoint '" + name + "' was added twice; each endpoint serves with one model");
        }
        return self();
    }

    /** The call's name: its key under {@code methods:} in retry.yaml and {@code method()} in events and logs. */
    public B name(String callName) {
        this.name = Objects.requireNonNull(callName, "callName");
        return self();
    }

    /** The named retry policy of retry.yaml; without it the call is not retried (each endpoint is tried once). */
    public B retry(String policy) {
        this.retryPolicy = Objects.requireNonNull(policy, "policy");
        return self();
    }

    /** The named circuit-breaker policy; by default each endpoint's own ({@code endpoints.<name>.circuit-breaker}). */
    public B circuitBreaker(String policy) {
        this.circuitBreakerPolicy = Objects.requireNonNull(policy, "policy");
        return self();
    }

    /** Attempts across all endpoints, the first included; overrides the retry policy's. */
    public B maxAttempts(int attempts) {
        this.maxAttempts = attempts;
        return self();
    }

    /** Deadline of one whole call, waits included; overrides the retry policy's. */
    public B maxDuration(Duration deadline) {
        this.maxDuration = Objects.requireNonNull(deadline, "deadline");
        return self();
    }

    /** How the endpoint of each attempt is chosen; default: the policy's ({@code failover.strategy}, PRIORITY). */
    public B strategy(FailoverStrategy failoverStrategy) {
        this.strategy = Objects.requireNonNull(failoverStrategy, "failoverStrategy");
        return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The endpoints with their models, in the order added; fails when there is none. */
    Map<String, M> models(String modelType) {
        if (models.isEmpty()) {
            throw new IllegalStateException(modelType + " needs at least one endpoint: add .endpoint(\"iag\", model)"
                    + " with a name from retry.yaml endpoints:");
        }
        return Map.copyOf(models);
    }

    /** The LlmCall over the endpoints; an unknown endpoint or policy throws {@code LlmRetryConfigException} here. */
    LlmCall buildCall() {
        LlmCall.Builder call = LlmCall.builder(name).failover(models.keySet().toArray(String[]::new));
        if (retryPolicy != null) call.retry(retryPolicy);
        if (circuitBreakerPolicy != null) call.circuitBreaker(circuitBreakerPolicy);
        if (maxAttempts != null) call.maxAttempts(maxAttempts);
        if (maxDuration != null) call.maxDuration(maxDuration);
        if (strategy != null) call.strategy(strategy);
        return call.build();
    }
}
