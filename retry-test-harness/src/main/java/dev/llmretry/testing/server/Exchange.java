package dev.llmretry.testing.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The answering side of one request: a complete response, a chunked stream, or a dropped
 * connection. Used by exactly one worker thread; not thread-safe.
 *
 * <pre>{@code
 * exchange.startStream(200, "OK", List.of(Map.entry("Content-Type", "text/event-stream")));
 * exchange.sendChunk("data: {...}\n\n");
 * exchange.drop();    // abrupt cut: no terminating chunk
 * }</pre>
 */
public final class Exchange {

    private enum State { PENDING, STREAMING, DONE, DROPPED }

    private final Socket socket;
    private final OutputStream out;
    private final boolean clientWantsClose;
    private final CountDownLatch serverClosing;
    private State state = State.PENDING;

    Exchange(Socket socket, OutputStream out, boolean clientWantsClose, CountDownLatch serverClosing) {
        this.socket = socket;
        this.out = out;
        this.clientWantsClose = clientWantsClose;
        this.serverClosing = serverClosing;
    }

    /**
     * Waits for {@code delay} unless the server shuts down first.
     *
     * @return {@code true} if the whole delay elapsed, {@code false} if the server is closing
     */
    public boolean pause(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return serverClosing.getCount() > 0;
        }
        try {
            return !serverClosing.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends a complete response with a {@code Content-Length}; keeps the connection if the client allows. */
    public void respond(int status, String reason, List<Map.Entry<String, String>> headers, String body)
            throws IOException {
        requireState(State.PENDING);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = statusLineAndHeaders(status, reason, headers);
        head.append("Content-Length: ").append(bytes.length).append("\r\n");
        head.append("Connection: ").append(clientWantsClose ? "close" : "keep-alive").append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
        state = State.DONE;
    }

    /** Sends the head of a chunked response; the connection is closed when the stream ends. */
    public void startStream(int status, String reason, List<Map.Entry<String, String>> headers) throws IOException {
        requireState(State.PENDING);
        StringBuilder head = statusLineAndHeaders(status, reason, headers);
        head.append("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        state = State.STREAMING;
    }

    /** Sends {@code text} as one chunk and flushes it, so the client sees it before anything that follows. */
    public void sendChunk(String text) throws IOException {
        requireState(State.STREAMING);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return; // a zero-length chunk would end the stream
        }
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.write(CRLF);
        out.flush();
    }

    /** Ends a chunked stream properly (terminating zero-length chunk). */
    public void endStream() throws IOException {
        requireState(State.STREAMING);
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        state = State.DONE;
    }

    /**
     * Closes the connection at once: before any response (the client sees no bytes) or in the
     * middle of a stream (the client sees a truncated chunked body). Data already flushed is
     * delivered first: the request has been read completely, so the close sends FIN, not RST.
     */
    public void drop() {
        state = State.DROPPED;
        try {
            out.flush();
            socket.shutdownOutput();
        } catch (IOException ignored) {
            // the client may already be gone; closing below is all that matters
        }
        LoopbackHttpServer.closeQuietly(socket);
    }

    /** Whether nothing has been sent yet. */
    boolean pending() {
        return state == State.PENDING;
    }

    /** Whether the connection may carry another request. */
    boolean reusable() {
        return state == State.DONE && !clientWantsClose && !socket.isClosed();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private static StringBuilder statusLineAndHeaders(int status, String reason, List<Map.Entry<String, String>> headers) {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        for (Map.Entry<String, String> header : headers) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        return head;
    }

    private void requireState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("Exchange is " + state + ", expected " + expected);
        }
    }
}
