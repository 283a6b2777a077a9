package dev.llmretry.internal.endpoint;

import dev.llmretry.internal.config.ProxySettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Sends {@code http} URLs through the endpoint's {@code proxy.http}, {@code https} URLs through {@code proxy.https},
 * and goes direct for hosts on the {@code no-proxy} list: exact host names or addresses, {@code .suffix} domains
 * (which also match the bare domain), and {@code *} for everything.
 */
final class EndpointProxySelector extends ProxySelector {
    private final ProxySettings settings;

    EndpointProxySelector(ProxySettings settings) {
        this.settings = settings;
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (bypassed(host)) return List.of(Proxy.NO_PROXY);
        URI proxy = "https".equalsIgnoreCase(uri.getScheme()) && settings.https() != null ? settings.https() : settings.http();
        if (proxy == null) return List.of(Proxy.NO_PROXY);
        int port = proxy.getPort() > 0 ? proxy.getPort() : ("https".equalsIgnoreCase(proxy.getScheme()) ? 443 : 80);
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
    }

    boolean bypassed(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        for (String rule : settings.noProxy()) {
            String r = rule.trim().toLowerCase(Locale.ROOT);
            if (r.equals("*")) return true;
            if (r.startsWith(".")) {
                if (bare.endsWith(r) || bare.equals(r.substring(1))) return true;
            } else if (r.startsWith("*.")) {
                if (bare.endsWith(r.substring(1)) || bare.equals(r.substring(2))) return true;
            } else if (bare.equals(r)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    }
}
