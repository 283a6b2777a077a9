package dev.llmretry.internal.endpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny forwarding HTTP proxy on 127.0.0.1 for tests: accepts absolute-form requests ({@code GET http://host/path}),
 * optionally demands Basic proxy credentials (407 first), forwards to the target with {@code Connection: close},
 * and records what it saw.
 */
final class LoopbackProxy implements AutoCloseable {
    final List<String> requestLines = new CopyOnWriteArrayList<>();
    final List<String> credentials = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final String requiredAuth;
    private final Thread acceptor;

    LoopbackProxy(String requiredBasicAuth) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.requiredAuth = requiredBasicAuth;
        this.acceptor = new Thread(this::acceptLoop, "test-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() { return server.getLocalPort(); }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                handle(client);
            } catch (IOException e) {
                // closed, or a client that went away: keep serving
            }
        }
    }

    private void handle(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String requestLine = lines[0];
        requestLines.add(requestLine);
        String auth = null;
        int contentLength = 0;
        StringBuilder forwardHeaders = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String name = line.substring(0, colon).trim().toLowerCase();
            String value = line.substring(colon + 1).trim();
            if (name.equals("proxy-authorization")) auth = value;
            else if (name.equals("content-length")) contentLength = Integer.parseInt(value);
            if (!name.startsWith("proxy-") && !name.equals("connection")) forwardHeaders.append(line).append("\r\n");
        }
        byte[] body = in.readNBytes(contentLength);
        OutputStream out = client.getOutputStream();
        if (requiredAuth != null && !("Basic " + requiredAuth).equals(auth)) {
            out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        if (auth != null) credentials.add(auth);
        String[] parts = requestLine.split(" ");
        URI target = URI.create(parts[1]);
        try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
            String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            upstream.getOutputStream().write((parts[0] + " " + path + " HTTP/1.1\r\n" + forwardHeaders
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            upstream.getOutputStream().write(body);
            upstream.getOutputStream().flush();
            upstream.getInputStream().transferTo(out);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) throw new IOException("client closed");
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
