package dev.llmretry.internal.config;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One entry of {@code endpoints:} in retry.yaml: where an LLM is reached and how. Immutable and thread-safe;
 * {@link #toString()} masks the API key and secret-looking properties.
 *
 * <pre>{@code
 * endpoints:
 *   iag:
 *     url: https://iag.example/v1
 *     model: gpt-4o
 *     api-key: ${IAG_API_KEY}
 *     priority: 1
 *     circuit-breaker: default
 *     properties: { deployment: chat-prod }
 * }</pre>
 */
public final class EndpointSettings {
    private final String name;
    private final String url;
    private final String model;
    private final String apiKey;
    private final int priority;
    private final String circuitBreaker;
    private final Map<String, String> properties;
    private final ProxySettings proxy;

    EndpointSettings(String name, String url, String model, String apiKey, int priority, String circuitBreaker,
                     Map<String, String> properties, ProxySettings proxy) {
        this.name = Objects.requireNonNull(name, "name");
        this.url = Objects.requireNonNull(url, "url");
        this.model = Objects.requireNonNull(model, "model");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.priority = priority;
        this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        this.proxy = proxy;
    }

    /** The key under {@code endpoints:}, as named in {@code @Failover(endpoints = ...)}. */
    public String name() { return name; }

    /** Absolute {@code http} or {@code https} URL, as written (after variable substitution). */
    public String url() { return url; }

    /** {@link #url()} as a URI. */
    public URI uri() { return URI.create(url); }

    /** Model name, or {@code ""}. */
    public String model() { return model; }

    /** API key, or {@code ""}. A secret: never log it. */
    public String apiKey() { return apiKey; }

    /** Lower is tried first; defaults to the endpoint's position in the file (1, 2, ...). Ties keep file order. */
    public int priority() { return priority; }

    /** Name of the circuit-breaker policy guarding this endpoint; {@code default} unless set. */
    public String circuitBreaker() { return circuitBreaker; }

    /** Free-form {@code properties:} of the endpoint, in file order. */
    public Map<String, String> properties() { return properties; }

    /** The endpoint's proxy, or {@code null} to connect directly. */
    public ProxySettings proxy() { return proxy; }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof EndpointSettings)) return false;
        EndpointSettings that = (EndpointSettings) o;
        return priority == that.priority && name.equals(that.name) && url.equals(that.url)
                && model.equals(that.model) && apiKey.equals(that.apiKey) && circuitBreaker.equals(that.circuitBreaker)
                && properties.equals(that.properties) && Objects.equals(proxy, that.proxy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, url, model, apiKey, priority, circuitBreaker, properties, proxy);
    }

    @Override
    public String toString() {
        StringJoiner shownProperties = new StringJoiner(", ", "{", "}");
        properties.forEach((k, v) -> shownProperties.add(k + "=" + (Display.isSecretPropertyName(k) ? Display.MASK : v)));
        return "EndpointSettings{name=" + name + ", url=" + Display.url(url) + ", model=" + model + ", api-key="
                + Display.secret(apiKey) + ", priority=" + priority + ", circuit-breaker=" + circuitBreaker
                + ", properties=" + shownProperties + ", proxy=" + proxy + "}";
    }
}
