package dev.llmretry.reactor.it;

import dev.llmretry.Endpoint;
import dev.llmretry.LlmHttpException;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmRetry;
import dev.llmretry.testing.FakeLlmServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Annotated methods returning Mono and Flux over real HTTP (the JDK client, asynchronously) to FakeLlmServers, one
 * per endpoint name. Woven by ajc at build time with retry-runtime and retry-reactor.
 */
public class ReactiveChat {
    private static final Pattern CONTENT = Pattern.compile("\"content\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, FakeLlmServer> servers;
    /** How often a body ran: once per attempt. */
    public final AtomicInteger bodies = new AtomicInteger();

    public ReactiveChat(Map<String, FakeLlmServer> servers) {
        this.servers = servers;
    }

    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi"})
    public Mono<String> ask(String question, Endpoint endpoint) {
        return answer(endpoint, question);
    }

    private Mono<String> answer(Endpoint endpoint, String question) {
        bodies.incrementAndGet();
        return Mono.fromFuture(() -> http.sendAsync(request(endpoint, question, false),
                        HttpResponse.BodyHandlers.ofString()))
                .map(response -> {
                    if (response.statusCode() >= 300) throw LlmHttpException.from(response);
                    Matcher m = CONTENT.matcher(response.body());
                    return m.find() ? m.group(1) : "";
                });
    }

    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi"})
    public Flux<String> tokens(Endpoint endpoint, String question) {
        return stream(endpoint, question);
    }

    private Flux<String> stream(Endpoint endpoint, String question) {
        bodies.incrementAndGet();
        return Mono.fromFuture(() -> http.sendAsync(request(endpoint, question, true),
                        HttpResponse.BodyHandlers.ofLines()))
                .flatMapMany(response -> {
                    if (response.statusCode() >= 300) {
                        String body = response.body().collect(Collectors.joining("\n"));
                        return Flux.error(new LlmHttpException(response.statusCode(), response.headers().map(), body));
                    }
                    return Flux.fromStream(response.body());
                })
                .filter(line -> line.startsWith("data: {"))
                .map(line -> {
                    Matcher m = CONTENT.matcher(line);
                    return m.find() ? m.group(1) : "";
                })
                .filter(token -> !token.isEmpty());
    }

    /** Without an Endpoint parameter: always the implicit endpoint, the first server. */
    @LlmRetry
    public Mono<String> whoAmI() {
        bodies.incrementAndGet();
        return Mono.deferContextual(context -> Mono.just(context.getOrDefault("user", "nobody")));
    }

    /** The Endpoint parameter fourth from the left: rebound like the first. */
    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi"})
    public Mono<String> fourth(String a, String b, String question, Endpoint endpoint) {
        return answer(endpoint, a + b + question); // not ask(): a woven call inside would be a call of its own
    }

    /** The Endpoint parameter sixth from the left, the last position the advice can rebind. */
    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi"})
    public Flux<String> sixth(String a, String b, String c, String d, String question, Endpoint endpoint) {
        return stream(endpoint, a + b + c + d + question);
    }

    /** An Endpoint parameter further right than the advice can rebind. */
    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi"})
    public Mono<String> farRight(String a, String b, String c, String d, String e, String f, Endpoint endpoint) {
        bodies.incrementAndGet();
        return Mono.just(a + b + c + d + e + f);
    }

    private HttpRequest request(Endpoint endpoint, String question, boolean stream) {
        FakeLlmServer server = servers.get(endpoint.name());
        String json = "{\"model\":\"m\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + question + "\"}]}";
        return HttpRequest.newBuilder(URI.create(server.chatUrl()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }
}
