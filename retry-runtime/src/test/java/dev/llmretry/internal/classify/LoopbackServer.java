package dev.llmretry.internal.classify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server for driving real SDK clients: every request gets the one canned reply set last. Also
 * offers a port whose connections are accepted and closed at once, before any response.
 */
final class LoopbackServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;
    private volatile Map<String, String> headers = Map.of();
    private volatile String body = "";
    private ServerSocket dropping;

    private LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static LoopbackServer start() throws IOException {
        return new LoopbackServer();
    }

    /** Every following request gets this reply; header pairs are name, value, name, value... */
    LoopbackServer reply(int status, String body, String... headerPairs) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json");
        for (int i = 0; i < headerPairs.length; i += 2) h.put(headerPairs[i], headerPairs[i + 1]);
        this.headers = h;
        this.body = body;
        this.status = status;
        return this;
    }

    /** A 200 server-sent-event stream with these raw events (each ends with a blank line). */
    LoopbackServer stream(String... events) {
        reply(200, String.join("", events), "content-type", "text/event-stream");
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int requestCount() {
        return requests.get();
    }

    /** A base URL whose connections are closed as soon as they are accepted (a dead or restarting upstream). */
    synchronized String droppingUrl(String path) throws IOException {
        if (dropping == null) {
            dropping = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::dropConnections, "loopback-dropper");
            acceptor.setDaemon(true);
            acceptor.start();
        }
        return "http://127.0.0.1:" + dropping.getLocalPort() + path;
    }

    private void dropConnections() {
        while (!dropping.isClosed()) {
            try (Socket s = dropping.accept()) {
                requests.incrementAndGet();
            } catch (IOException e) {
                return; // closed by close()
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        server.stop(0);
        if (dropping != null) dropping.close();
    }
}
