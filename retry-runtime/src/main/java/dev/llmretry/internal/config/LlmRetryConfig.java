package dev.llmretry.internal.config;

import dev.llmretry.config.LlmRetryConfigException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole of retry.yaml, resolved and checked: named retry and circuit-breaker policies (each already merged with
 * the {@code default} policy and the built-in values), endpoints, failover, classification rules, per-method
 * overrides and health persistence. Immutable and thread-safe; replace the instance to reload.
 *
 * <pre>{@code
 * LlmRetryConfig config = ConfigLoader.load();
 * RetrySettings retry = config.retryPolicy("streaming");
 * EndpointSettings iag = config.endpoint("iag").orElseThrow();
 * config.methodOverride("com.acme.ChatService#complete").ifPresent(o -> ...);
 * }</pre>
 */
public final class LlmRetryConfig {
    /** The {@link #source()} of {@link #defaults()}, and of the built-in policies' patches. */
    public static final String BUILT_IN = "built-in defaults";

    private final String source;
    private final Map<String, RetrySettings> retryPolicies;
    private final Map<String, BreakerSettings> breakerPolicies;
    private final Map<String, EndpointSettings> endpoints;
    private final FailoverSettings failover;
    private final ClassificationSettings classification;
    private final Map<String, MethodOverride> methods;
    private final HealthSettings health;

    LlmRetryConfig(String source, Map<String, RetrySettings> retryPolicies, Map<String, BreakerSettings> breakerPolicies,
                   Map<String, EndpointSettings> endpoints, FailoverSettings failover,
                   ClassificationSettings classification, Map<String, MethodOverride> methods, HealthSettings health) {
        this.source = Objects.requireNonNull(source, "source");
        this.retryPolicies = ordered(retryPolicies);
        this.breakerPolicies = ordered(breakerPolicies);
        this.endpoints = ordered(endpoints);
        this.failover = Objects.requireNonNull(failover, "failover");
        this.classification = Objects.requireNonNull(classification, "classification");
        this.methods = ordered(methods);
        this.health = Objects.requireNonNull(health, "health");
    }

    /**
     * No file: retry policies {@code default} (6 attempts, 1s..30s, x2, full jitter, 5m, Retry-After up to 60s) and
     * {@code streaming} (2 attempts, 200ms initial backoff, 30s attempt timeout, the rest as {@code default});
     * circuit-breaker {@code default} (3 failures, 120s, 2 successes, 2 trial calls); no endpoints; failover enabled
     * by priority; no classification rules; no method overrides; no health file.
     */
    public static LlmRetryConfig defaults() {
        return Defaults.INSTANCE;
    }

    private static final class Defaults {
        static final LlmRetryConfig INSTANCE = ConfigReader.read(BUILT_IN, null, Variables.resolving(name -> null));
    }

    /** What was read: {@code "retry.yaml"} (classpath), the file path given, or {@link #BUILT_IN}. */
    public String source() { return source; }

    /**
     * The named retry policy; {@code ""} means {@code default}.
     *
     * @throws LlmRetryConfigException if there is no such policy, listing the names that exist
     */
    public RetrySettings retryPolicy(String name) {
        return policy(retryPolicies, "retry", name);
    }

    /** Every retry policy by name: {@code default} first, then {@code streaming}, then the file's. */
    public Map<String, RetrySettings> retryPolicies() { return retryPolicies; }

    /**
     * The named circuit-breaker policy; {@code ""} means {@code default}.
     *
     * @throws LlmRetryConfigException if there is no such policy, listing the names that exist
     */
    public BreakerSettings breakerPolicy(String name) {
        return policy(breakerPolicies, "circuit-breaker", name);
    }

    /** Every circuit-breaker policy by name, {@code default} first. */
    public Map<String, BreakerSettings> breakerPolicies() { return breakerPolicies; }

    /** The endpoints in file order. */
    public Map<String, EndpointSettings> endpoints() { return endpoints; }

    public Optional<EndpointSettings> endpoint(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    /**
     * The named endpoint, for {@code @Failover(endpoints = ...)}.
     *
     * @throws LlmRetryConfigException if there is none, with a "did you mean" and the names that exist
     */
    public EndpointSettings requireEndpoint(String name) {
        EndpointSettings endpoint = endpoints.get(name);
        if (endpoint != null) return endpoint;
        throw LlmRetryConfigException.of(source, CallMessages.unknownEndpoint(name, endpoints.keySet()));
    }

    /** The endpoints by ascending {@link EndpointSettings#priority()}, ties in file order. */
    public List<EndpointSettings> endpointsByPriority() {
        List<EndpointSettings> sorted = new ArrayList<>(endpoints.values());
        sorted.sort(Comparator.comparingInt(EndpointSettings::priority));
        return Collections.unmodifiableList(sorted);
    }

    public FailoverSettings failover() { return failover; }

    public ClassificationSettings classification() { return classification; }

    /** The {@code methods:} overrides by {@code "fully.qualified.Class#method"}, in file order. */
    public Map<String, MethodOverride> methods() { return methods; }

    /** The override for {@code "fully.qualified.Class#method"}, if any. */
    public Optional<MethodOverride> methodOverride(String key) {
        return Optional.ofNullable(methods.get(key));
    }

    public HealthSettings health() { return health; }

    private <S> S policy(Map<String, S> policies, String section, String name) {
        String wanted = name == null || name.isEmpty() ? PolicyReader.DEFAULT : name;
        S policy = policies.get(wanted);
        if (policy != null) return policy;
        throw LlmRetryConfigException.of(source, CallMessages.unknownPolicy(section, wanted, policies.keySet()));
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof LlmRetryConfig)) return false;
        LlmRetryConfig that = (LlmRetryConfig) o;
        return retryPolicies.equals(that.retryPolicies) && breakerPolicies.equals(that.breakerPolicies)
                && endpoints.equals(that.endpoints) && failover.equals(that.failover)
                && methods.equals(that.methods) && health.equals(that.health) && source.equals(that.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, retryPolicies, breakerPolicies, endpoints, failover, methods, health);
    }

    @Override
    public String toString() {
        return "LlmRetryConfig{source=" + source + ", retry=" + retryPolicies + ", circuit-breaker=" + breakerPolicies
                + ", endpoints=" + endpoints.values() + ", failover=" + failover + ", classification="
                + (classification.isEmpty() ? "built-in" : "custom") + ", methods=" + methods.values() + ", health="
                + health + "}";
    }
}
