package dev.llmretry;

import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.util.Map;

/**
 * One LLM server as configured under {@code endpoints:} in retry.yaml. A {@code @Failover} method declares a parameter
 * of this type; callers pass {@code null} and each attempt receives the endpoint chosen for it.
 *
 * <pre>{@code
 * @Failover(endpoints = {"iag", "oneapi"})
 * public String ask(String q, Endpoint ep) {
 *     HttpRequest req = HttpRequest.newBuilder(URI.create(ep.url() + "/chat/completions"))
 *         .header("Authorization", "Bearer " + ep.apiKey()) ...;
 *     return ep.httpClient().send(req, BodyHandlers.ofString()).body();
 * }
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe. {@link #toString()} never shows the API key or proxy password.
 */
public interface Endpoint {
    /** The name under {@code endpoints:}, e.g. {@code "iag"}. */
    String name();

    /** Base URL of the server, e.g. {@code "https://iag.example/v1"}; may be empty for an implicit endpoint. */
    String url();

    /** Model to ask for on this endpoint; may be empty. */
    String model();

    /** The API key, resolved from retry.yaml; empty when none. Never logged or printed by llm-retry. */
    String apiKey();

    /** A free-form property of the endpoint from its {@code properties:} map, or {@code null} when absent. */
    String property(String key);

    /** All free-form properties of the endpoint. */
    Map<String, String> properties();

    /** Routes requests through the endpoint's proxy, except hosts on its no-proxy list; direct when none. */
    ProxySelector proxySelector();

    /** A shared HTTP client for this endpoint, built once with its proxy and proxy credentials. */
    HttpClient httpClient();
}
