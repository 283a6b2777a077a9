package dev.llmretry.internal.endpoint;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/** Direct connections only, whatever the JVM's default proxy settings say. */
final class NoProxySelector extends ProxySelector {
    static final NoProxySelector INSTANCE = new NoProxySelector();

    @Override
    public List<Proxy> select(URI uri) {
        return List.of(Proxy.NO_PROXY);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    }
}
