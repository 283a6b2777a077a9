package dev.llmretry.internal.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The HTTP proxy of one endpoint: proxy URIs for {@code http} and {@code https} targets, hosts reached directly,
 * and optional proxy credentials. Immutable and thread-safe; {@link #toString()} masks the password.
 *
 * <pre>{@code
 * proxy: { http: http://proxy:8080, https: http://proxy:8080,
 *          no-proxy: [localhost, 127.0.0.1, .corp.local], username: u, password: ${PROXY_PW} }
 * }</pre>
 */
public final class ProxySettings {
    private final URI http;
    private final URI https;
    private final List<String> noProxy;
    private final String username;
    private final String password;

    ProxySettings(URI http, URI https, List<String> noProxy, String username, String password) {
        this.http = http;
        this.https = https;
        this.noProxy = List.copyOf(noProxy);
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
    }

    /** Proxy for {@code http://} targets, or {@code null} to connect directly. */
    public URI http() { return http; }

    /** Proxy for {@code https://} targets, or {@code null} to connect directly. */
    public URI https() { return https; }

    /**
     * Hosts reached without the proxy, lower case: exact host names or IP addresses, {@code .corp.local} for a
     * domain and its sub-domains ({@code *.corp.local} in the file is read as {@code .corp.local}), or {@code *}
     * for every host.
     */
    public List<String> noProxy() { return noProxy; }

    /** Proxy user name, or {@code ""} when the proxy needs no credentials. */
    public String username() { return username; }

    /** Proxy password, or {@code ""}. A secret: never log it. */
    public String password() { return password; }

    /** Whether the proxy is given credentials. */
    public boolean hasCredentials() { return !username.isEmpty(); }

    /** Whether {@code host} is to be reached directly, by the {@link #noProxy()} list. */
    public boolean bypasses(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String rule : noProxy) {
            if (rule.equals("*") || rule.equals(h)) return true;
            if (rule.startsWith(".") && (h.endsWith(rule) || h.equals(rule.substring(1)))) return true;
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ProxySettings)) return false;
        ProxySettings that = (ProxySettings) o;
        return Objects.equals(http, that.http) && Objects.equals(https, that.https) && noProxy.equals(that.noProxy)
                && username.equals(that.username) && password.equals(that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(http, https, noProxy, username, password);
    }

    @Override
    public String toString() {
        return "ProxySettings{http=" + Display.url(http) + ", https=" + Display.url(https) + ", no-proxy=" + noProxy
                + ", username=" + username + ", password=" + Display.secret(password) + "}";
    }
}
