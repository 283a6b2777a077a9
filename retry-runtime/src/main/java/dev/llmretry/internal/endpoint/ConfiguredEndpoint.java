package dev.llmretry.internal.endpoint;

import dev.llmretry.Endpoint;
import dev.llmretry.internal.config.EndpointSettings;
import dev.llmretry.internal.config.ProxySettings;
import dev.llmretry.internal.config.UrlSecrets;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.util.Map;

/**
 * An {@link Endpoint} built from retry.yaml, or the implicit endpoint of a method without {@code @Failover}. The
 * proxy selector and HTTP client are built on first use and then shared. Immutable apart from that cache;
 * thread-safe. {@link #toString()} shows neither the API key, the proxy password nor a key in the URL's query.
 *
 * <pre>{@code
 * Endpoint iag = ConfiguredEndpoint.of(config.endpoint("iag").orElseThrow());
 * iag.httpClient().send(request, BodyHandlers.ofString());
 * }</pre>
 */
public final class ConfiguredEndpoint implements Endpoint {
    private final String name;
    private final String url;
    private final String model;
    private final String apiKey;
    private final Map<String, String> properties;
    private final ProxySettings proxy;
    private final EndpointSettings source;
    private volatile ProxySelector selector;
    private volatile HttpClient client;

    private ConfiguredEndpoint(String name, String url, String model, String apiKey, Map<String, String> properties,
                               ProxySettings proxy, EndpointSettings source) {
        this.name = name;
        this.url = url;
        this.model = model;
        this.apiKey = apiKey;
        this.properties = Map.copyOf(properties);
        this.proxy = proxy;
        this.source = source;
    }

    public static ConfiguredEndpoint of(EndpointSettings s) {
        return new ConfiguredEndpoint(s.name(), s.url(), s.model(), s.apiKey(), s.properties(), s.proxy(), s);
    }

    /** The endpoint of a method without {@code @Failover}: a name only, direct connections. */
    public static ConfiguredEndpoint implicit(String name) {
        return new ConfiguredEndpoint(name, "", "", "", Map.of(), null, null);
    }

    /** Whether this endpoint was built from exactly {@code settings} (a reload replaces it otherwise). */
    public boolean madeFrom(EndpointSettings settings) {
        return source != null && source.equals(settings);
    }

    @Override public String name() { return name; }

    @Override public String url() { return url; }

    @Override public String model() { return model; }

    @Override public String apiKey() { return apiKey; }

    @Override public String property(String key) { return properties.get(key); }

    @Override public Map<String, String> properties() { return properties; }

    @Override
    public ProxySelector proxySelector() {
        ProxySelector s = selector;
        if (s == null) {
            s = proxy == null ? NoProxySelector.INSTANCE : new EndpointProxySelector(proxy);
            selector = s;
        }
        return s;
    }

    @Override
    public HttpClient httpClient() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = buildClient();
                    client = c;
                }
            }
        }
        return c;
    }

    private HttpClient buildClient() {
        HttpClient.Builder b = HttpClient.newBuilder().proxy(proxySelector());
        if (proxy != null && proxy.username() != null && !proxy.username().isEmpty()) {
            String user = proxy.username();
            char[] password = proxy.password() == null ? new char[0] : proxy.password().toCharArray();
            b.authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication(user, password) : null;
                }
            });
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "Endpoint[" + name + (url.isEmpty() ? "" : ", " + UrlSecrets.mask(url)) + (model.isEmpty() ? "" : ", model " + model)
                + (apiKey.isEmpty() ? "" : ", api-key ****") + (proxy == null ? "" : ", via proxy") + "]";
    }
}
