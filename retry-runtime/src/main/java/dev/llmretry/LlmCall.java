package dev.llmretry;

import dev.llmretry.annotation.FailoverStrategy;
import dev.llmretry.annotation.Jitter;
import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.internal.config.SettingsPatch;
import dev.llmretry.internal.exec.AsyncCall;
import dev.llmretry.internal.exec.CallSpec;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.internal.exec.MethodPlan;
import dev.llmretry.internal.exec.Plans;
import dev.llmretry.internal.exec.RetryingPublisher;
import dev.llmretry.internal.exec.Sneaky;
import dev.llmretry.internal.exec.StreamCall;
import dev.llmretry.internal.exec.SyncCall;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * A protected call without annotations or weaving: the same plan, endpoints, circuit breakers, health, events and
 * retry.yaml as an annotated method, for lambdas, frameworks and code that cannot be woven. A {@code methods:} entry
 * keyed by the call's name overrides its settings, as {@code "com.acme.Chat#ask"} does for a method. Thread-safe:
 * build once, reuse for every call.
 *
 * <pre>{@code
 * LlmCall chat = LlmCall.builder("acme.chat")
 *         .retry("default")
 *         .failover("iag", "oneapi", "litellm")
 *         .build();                                 // misconfiguration fails here, with the usual message
 * String answer = chat.call(endpoint -> client.complete(endpoint, prompt));
 * CompletableFuture<String> later = chat.callAsync(endpoint -> client.completeAsync(endpoint, prompt));
 * Stream<String> tokens = chat.stream(endpoint -> client.stream(endpoint, prompt));   // retried until the first token
 * }</pre>
 *
 * <p>Each attempt gets the {@link Endpoint} chosen for it: with failover, the endpoint from retry.yaml; without, an
 * implicit one named after the call. Failures are classified as for annotated methods; the call's last failure
 * reaches the caller unchanged (checked exceptions of the lambda included).
 */
public final class LlmCall {
    private final CallSpec spec;
    private final Method method;

    private LlmCall(CallSpec spec, Method method) {
        this.spec = spec;
        this.method = method;
    }

    /** Starts a call named {@code name}: its {@code methods:} key in retry.yaml and its id in events and logs. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The call an annotated method makes when woven: its annotations (method first, then its class) and its
     * {@code methods: "com.acme.Chat#ask"} entry. For interceptors that cannot weave (Spring AOP, CDI, proxies):
     * cached per method, so asking on every invocation costs one lookup.
     *
     * <pre>{@code
     * LlmCall call = LlmCall.forMethod(ChatService.class.getMethod("ask", String.class));
     * Object answer = call.call(endpoint -> invocation.proceedWith(endpoint));
     * }</pre>
     *
     * @throws IllegalArgumentException when the method carries none of {@code @LlmRetry}, {@code @LlmCircuitBreaker},
     *                                  {@code @Failover} (nor does its class)
     * @throws LlmRetryConfigException  when the method's plan cannot be built, saying what to fix
     */
    public static LlmCall forMethod(Method method) {
        Objects.requireNonNull(method, "method");
        java.util.concurrent.ConcurrentHashMap<Method, LlmCall> ofClass = BY_METHOD.get(method.getDeclaringClass());
        LlmCall known = ofClass.get(method);
        if (known != null) return known;
        LlmCall call = checkedForMethod(method);
        LlmCall raced = ofClass.putIfAbsent(method, call);
        return raced != null ? raced : call;
    }

    /**
     * The calls of {@link #forMethod}, per declaring class: an interceptor may ask on every invocation. A
     * {@code ClassValue}, so a redeployed application's classes are not held by the library; a method whose plan
     * cannot be built is not cached (it is checked again, and fails again, until retry.yaml is fixed).
     */
    private static final ClassValue<java.util.concurrent.ConcurrentHashMap<Method, LlmCall>> BY_METHOD = new ClassValue<>() {
        @Override
        protected java.util.concurrent.ConcurrentHashMap<Method, LlmCall> computeValue(Class<?> type) {
            return new java.util.concurrent.ConcurrentHashMap<>();
        }
    };

    private static LlmCall checkedForMethod(Method method) {
        Class<?> type = method.getDeclaringClass();
        if (!CallSpec.protects(method.getAnnotations()) && !CallSpec.protects(type.getAnnotations())) {
            throw new IllegalArgumentException(type.getName() + "#" + method.getName() + " carries none of @LlmRetry, "
                    + "@LlmCircuitBreaker, @Failover (nor does its class)");
        }
        LlmCall call = new LlmCall(CallSpec.of(method), method);
        call.check();
        return call;
    }

    /** The call's name: {@code "acme.chat"}, or {@code "com.acme.Chat#ask"} for {@link #forMethod}. */
    public String name() {
        return spec.id();
    }

    /**
     * Runs {@code attempt} until it succeeds, retrying and failing over as the plan says, on the calling thread.
     *
     * @throws E the last failure when the call gives up, unchanged; {@link EndpointsUnavailableException} when every
     *           endpoint's circuit is open
     */
    @SuppressWarnings("unchecked")
    public <T, E extends Exception> T call(Attempt<T, E> attempt) throws E {
        Objects.requireNonNull(attempt, "attempt");
        try {
            return (T) SyncCall.run(plan(), attempt);
        } catch (Throwable t) {
            throw Sneaky.rethrow(t);
        }
    }

    /**
     * Runs {@code attempt}'s futures until one succeeds; waits between attempts hold no thread. Never throws: every
     * failure completes the returned future exceptionally (unwrapped). Cancelling it cancels the pending retry and
     * the attempt in flight.
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> callAsync(Attempt<? extends CompletionStage<T>, ?> attempt) {
        Objects.requireNonNull(attempt, "attempt");
        return (CompletableFuture<T>) (CompletableFuture<?>) AsyncCall.start(plan(), attempt::apply);
    }

    /**
     * A stream retried and failed over until its first element arrives (fetched before this method returns); after
     * that, a failure reaches the consumer as is and is never replayed.
     */
    @SuppressWarnings("unchecked")
    public <T> Stream<T> stream(Attempt<? extends Stream<T>, ?> attempt) {
        Objects.requireNonNull(attempt, "attempt");
        return (Stream<T>) StreamCall.start(plan(), attempt::apply, true);
    }

    /** Like {@link #stream} for an iterator (close it if it is {@link AutoCloseable}). */
    @SuppressWarnings("unchecked")
    public <T> Iterator<T> iterator(Attempt<? extends Iterator<T>, ?> attempt) {
        Objects.requireNonNull(attempt, "attempt");
        return (Iterator<T>) StreamCall.start(plan(), attempt::apply, false);
    }

    /**
     * A publisher whose every subscription is retried and failed over until its first element; after it, a failure
     * reaches the subscriber's {@code onError} once and is never replayed.
     */
    @SuppressWarnings("unchecked")
    public <T> Flow.Publisher<T> publisher(Attempt<? extends Flow.Publisher<T>, ?> attempt) {
        Objects.requireNonNull(attempt, "attempt");
        return (Flow.Publisher<T>) (Flow.Publisher<?>) new RetryingPublisher(plan(), attempt::apply);
    }

    /**
     * The plan in force, remembered with the plans' generation: a call compares one reference instead of hashing and
     * comparing its whole spec in the plans' map (a reload or reset starts a new generation, and the next call looks
     * the plan up again).
     */
    private MethodPlan plan() {
        Plans plans = LlmRuntime.get().plans();
        Object generation = plans.generation();
        Cached c = cached;
        if (c != null && c.generation == generation) return c.plan;
        MethodPlan p = method != null ? plans.of(method) : plans.of(spec);
        cached = new Cached(generation, p);
        return p;
    }

    private volatile Cached cached;

    private record Cached(Object generation, MethodPlan plan) {
    }

    /** Builds the plan once now, so that a mistake fails here rather than at the first call. */
    private void check() {
        LlmRuntime.get().checkPlan(spec);
    }

    @Override
    public String toString() {
        return "LlmCall[" + spec.id() + "]";
    }

    /**
     * One attempt: the request to {@code endpoint}.
     *
     * @param <T> the result
     * @param <E> the checked exception the attempt may throw ({@code RuntimeException} when none)
     */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T apply(Endpoint endpoint) throws E;
    }

    /**
     * Collects a call's policies; {@link #build()} checks them against retry.yaml. The attributes are those of the
     * annotations; setting a retry attribute asks for retries (policy {@code default} unless {@link #retry} names
     * one), setting a breaker attribute asks for a circuit breaker. Not thread-safe; the built call is.
     *
     * <pre>{@code
     * LlmCall summarize = LlmCall.builder("acme.summarize")
     *         .retry("patient").maxAttempts(5).maxDuration(Duration.ofSeconds(30))
     *         .failover("iag", "oneapi").abortOn(IllegalArgumentException.class)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final String name;
        private String retryPolicy;
        private final Map<String, Object> retry = new LinkedHashMap<>();
        private String breakerPolicy;
        private final Map<String, Object> breaker = new LinkedHashMap<>();
        private List<String> endpoints;
        private FailoverStrategy strategy = FailoverStrategy.POLICY;
        private final List<Class<? extends Throwable>> retryOn = new ArrayList<>();
        private final List<Class<? extends Throwable>> abortOn = new ArrayList<>();

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || !name.strip().equals(name)) {
                throw new IllegalArgumentException("An LlmCall needs a name such as \"acme.chat\" (its methods: key in "
                        + "retry.yaml and its id in events); got \"" + name + "\"");
            }
            this.name = name;
        }

        /** Retries with the named policy from retry.yaml ({@code "default"} is built in). */
        public Builder retry(String policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Fails over between these endpoints of retry.yaml, in this order (each with its own circuit breaker). */
        public Builder failover(String... endpoints) {
            this.endpoints = List.of(endpoints);
            return this;
        }

        /** How to pick among the failover endpoints; {@code POLICY} (the default) takes retry.yaml's. */
        public Builder strategy(FailoverStrategy strategy) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /** A circuit breaker for the call itself (without failover) with the named policy. */
        public Builder circuitBreaker(String policy) {
            this.breakerPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder maxAttempts(int maxAttempts) { return retrySetting("max-attempts", maxAttempts); }

        public Builder initialBackoff(Duration d) { return retrySetting("initial-backoff", duration(d)); }

        public Builder maxBackoff(Duration d) { return retrySetting("max-backoff", duration(d)); }

        public Builder multiplier(double multiplier) { return retrySetting("multiplier", multiplier); }

        public Builder jitter(Jitter jitter) { return retrySetting("jitter", Objects.requireNonNull(jitter, "jitter")); }

        public Builder maxDuration(Duration d) { return retrySetting("max-duration", duration(d)); }

        public Builder maxRetryAfter(Duration d) { return retrySetting("max-retry-after", duration(d)); }

        public Builder attemptTimeout(Duration d) { return retrySetting("attempt-timeout", duration(d)); }

        public Builder failureThreshold(int n) { return breakerSetting("failure-threshold", n); }

        public Builder recoveryTime(Duration d) { return breakerSetting("recovery-time", duration(d)); }

        public Builder successThreshold(int n) { return breakerSetting("success-threshold", n); }

        public Builder halfOpenMaxCalls(int n) { return breakerSetting("half-open-max-calls", n); }

        /** Failure types that are always retried (as {@code @LlmRetry(retryOn = ...)}). */
        @SafeVarargs
        public final Builder retryOn(Class<? extends Throwable>... types) {
            retryOn.addAll(Arrays.asList(types));
            if (retryPolicy == null) retryPolicy = "default";
            return this;
        }

        /** Failure types that are never retried (as {@code @LlmRetry(abortOn = ...)}). */
        @SafeVarargs
        public final Builder abortOn(Class<? extends Throwable>... types) {
            abortOn.addAll(Arrays.asList(types));
            return this;
        }

        /**
         * The call, checked now: unknown policies and endpoint names, values out of range and a broken retry.yaml
         * throw here with the usual message (and did-you-mean suggestions).
         *
         * @throws LlmRetryConfigException saying what to fix
         */
        public LlmCall build() {
            String source = "LlmCall \"" + name + "\"";
            SettingsPatch.Builder r = SettingsPatch.retry(source, "");
            retry.forEach(r::put);
            SettingsPatch.Builder b = SettingsPatch.breaker(source, "");
            breaker.forEach(b::put);
            CallSpec spec = new CallSpec(name, false, name, retryPolicy, r.build(), null, breakerPolicy, b.build(),
                    endpoints, strategy, retryOn, abortOn, -1);
            LlmCall call = new LlmCall(spec, null);
            call.check();
            return call;
        }

        private Builder retrySetting(String key, Object value) {
            retry.put(key, value);
            if (retryPolicy == null) retryPolicy = "default";
            return this;
        }

        private Builder breakerSetting(String key, Object value) {
            breaker.put(key, value);
            if (breakerPolicy == null) breakerPolicy = "default";
            return this;
        }

        private static String duration(Duration d) {
            return Objects.requireNonNull(d, "duration").toString();
        }
    }
}
