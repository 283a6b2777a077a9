package dev.llmretry.internal.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.llmretry.Endpoint;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.LlmRetryConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Endpoint built from retry.yaml, its proxy routing and its HTTP client, against real loopback servers. */
class ConfiguredEndpointTest {
    HttpServer target;
    final AtomicInteger targetHits = new AtomicInteger();

    @BeforeEach
    void startTarget() throws Exception {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            targetHits.incrementAndGet();
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
    }

    @AfterEach
    void stopTarget() {
        target.stop(0);
    }

    static Endpoint endpoint(String yamlEndpoint) {
        LlmRetryConfig config = ConfigLoader.parse("retry.yaml", "endpoints:\n" + yamlEndpoint, v -> null);
        return ConfiguredEndpoint.of(config.endpoints().values().iterator().next());
    }

    @Test
    void endpointWithProxy_sendsThroughIt_withProxyCredentials() throws Exception {
        String basic = Base64.getEncoder().encodeToString("alice:s3cret-proxy-pw".getBytes(StandardCharsets.UTF_8));
        try (LoopbackProxy proxy = new LoopbackProxy(basic)) {
            Endpoint ep = endpoint("  iag:\n    url: http://127.0.0.1:" + target.getAddress().getPort() + "/v1\n"
                    + "    api-key: sk-live-abcdef123456\n"
                    + "    proxy: { http: \"http://127.0.0.1:" + proxy.port() + "\", no-proxy: [localhost, .corp.local],"
                    + " username: alice, password: s3cret-proxy-pw }\n");

            HttpResponse<String> r = ep.httpClient().send(HttpRequest.newBuilder(URI.create(ep.url() + "/chat")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, r.statusCode());
            assertEquals(1, targetHits.get());
            assertTrue(proxy.requestLines.stream().anyMatch(l -> l.startsWith("GET http://127.0.0.1:")),
                    proxy.requestLines.toString());
            assertEquals(List.of("Basic " + basic), proxy.credentials);
        }
    }

    @Test
    void noProxyHost_goesDirect_bypassingTheProxy() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(null)) {
            Endpoint ep = endpoint("  iag:\n    url: http://localhost:" + target.getAddress().getPort() + "/v1\n"
                    + "    proxy: { http: \"http://127.0.0.1:" + proxy.port() + "\", no-proxy: [localhost] }\n");

            HttpResponse<String> r = ep.httpClient().send(HttpRequest.newBuilder(URI.create(ep.url() + "/chat")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, r.statusCode());
            assertEquals(1, targetHits.get());
            assertEquals(List.of(), proxy.requestLines, "a no-proxy host must not touch the proxy");
        }
    }

    @Test
    void proxySelector_routesBySchemeAndSuffixRules() {
        Endpoint ep = endpoint("  iag:\n    url: https://iag.example/v1\n"
                + "    proxy: { http: \"http://proxy:8080\", https: \"http://secure-proxy:3128\","
                + " no-proxy: [localhost, 127.0.0.1, .corp.local] }\n");

        assertEquals("secure-proxy:3128", address(ep.proxySelector().select(URI.create("https://iag.example/v1"))));
        assertEquals("proxy:8080", address(ep.proxySelector().select(URI.create("http://iag.example/v1"))));
        assertEquals(Proxy.NO_PROXY, ep.proxySelector().select(URI.create("https://llm.corp.local/v1")).get(0));
        assertEquals(Proxy.NO_PROXY, ep.proxySelector().select(URI.create("https://corp.local/v1")).get(0));
        assertEquals(Proxy.NO_PROXY, ep.proxySelector().select(URI.create("http://127.0.0.1:8080/")).get(0));
        assertFalse(Proxy.NO_PROXY.equals(ep.proxySelector().select(URI.create("https://notcorp.local/")).get(0)));
    }

    @Test
    void withoutProxy_connectsDirectly_ignoringJvmProxySettings() {
        Endpoint ep = endpoint("  iag:\n    url: https://iag.example/v1\n");
        assertEquals(Proxy.NO_PROXY, ep.proxySelector().select(URI.create("https://iag.example/v1")).get(0));
    }

    @Test
    void httpClient_isBuiltOnceAndShared() {
        Endpoint ep = endpoint("  iag:\n    url: https://iag.example/v1\n");
        assertSame(ep.httpClient(), ep.httpClient());
    }

    @Test
    void toString_showsNeitherApiKeyNorProxyPassword() {
        Endpoint ep = endpoint("  iag:\n    url: https://iag.example/v1\n    model: gpt-4o\n"
                + "    api-key: sk-live-abcdef123456\n    properties: { region: eu }\n"
                + "    proxy: { http: \"http://proxy:8080\", username: bob, password: hunter2-secret }\n");

        String text = ep.toString();
        assertFalse(text.contains("sk-live-abcdef123456"), text);
        assertFalse(text.contains("hunter2-secret"), text);
        assertTrue(text.contains("iag") && text.contains("gpt-4o"), text);
        assertEquals("sk-live-abcdef123456", ep.apiKey());
        assertEquals("eu", ep.property("region"));
        assertEquals(null, ep.property("missing"));
    }

    private static String address(List<Proxy> proxies) {
        InetSocketAddress a = (InetSocketAddress) proxies.get(0).address();
        return a.getHostString() + ":" + a.getPort();
    }
}
