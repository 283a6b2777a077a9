package dev.llmretry.testing.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on 127.0.0.1 with socket-level control: keep-alive for complete
 * responses, chunked streams, and connections that can be dropped at any point. One daemon thread
 * accepts; each connection is served by a daemon worker. Thread-safe; {@link #close()} is idempotent,
 * closes every open connection and waits for the threads to end.
 *
 * <pre>{@code
 * try (LoopbackHttpServer server = LoopbackHttpServer.start("demo", (request, exchange) ->
 *         exchange.respond(200, "OK", List.of(), "hello"))) {
 *     int port = server.port();
 * }
 * }</pre>
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** Answers one request. Runs on a worker thread, possibly concurrently with other requests. */
    @FunctionalInterface
    public interface Handler {
        void handle(IncomingRequest request, Exchange exchange) throws IOException;
    }

    private static final long SHUTDOWN_WAIT_MILLIS = 5_000;

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final ExecutorService workers;
    private final Thread acceptor;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Set<Socket> connections = new HashSet<>(); // guarded by itself
    private boolean closed; // guarded by connections

    private LoopbackHttpServer(ServerSocket serverSocket, String threadPrefix, Handler handler) {
        this.serverSocket = serverSocket;
        this.handler = handler;
        AtomicInteger workerCount = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(task ->
                daemon(task, threadPrefix + "-worker-" + workerCount.incrementAndGet()));
        this.acceptor = daemon(this::acceptLoop, threadPrefix + "-acceptor");
    }

    /** Binds a free port on 127.0.0.1 and starts accepting; thread names start with {@code threadPrefix}. */
    public static LoopbackHttpServer start(String threadPrefix, Handler handler) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 128);
        } catch (IOException e) {
            closeQuietly(socket);
            throw e;
        }
        LoopbackHttpServer server = new LoopbackHttpServer(socket, threadPrefix, handler);
        server.acceptor.start();
        return server;
    }

    /** The bound port. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public void close() {
        List<Socket> open;
        synchronized (connections) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(connections);
        }
        closing.countDown();
        closeQuietly(serverSocket);
        open.forEach(LoopbackHttpServer::closeQuietly);
        workers.shutdownNow();
        try {
            workers.awaitTermination(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            acceptor.join(SHUTDOWN_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed by close(); any other accept failure also ends a loopback test server
            }
            if (!track(socket)) {
                closeQuietly(socket);
                return;
            }
            try {
                workers.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true); // stream chunks must leave one by one
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            HttpRequestReader reader = new HttpRequestReader(in, out);
            IncomingRequest request;
            while ((request = reader.next()) != null) {
                Exchange exchange = new Exchange(socket, out, request.wantsClose(), closing);
                handleSafely(request, exchange);
                if (!exchange.reusable()) {
                    return;
                }
            }
        } catch (HttpRequestReader.MalformedRequestException e) {
            answerMalformed(socket, e.getMessage());
        } catch (IOException e) {
            // the client went away or the server is closing: nothing left to answer
        } finally {
            closeQuietly(socket);
            synchronized (connections) {
                connections.remove(socket);
            }
        }
    }

    private void handleSafely(IncomingRequest request, Exchange exchange) throws IOException {
        try {
            handler.handle(request, exchange);
        } catch (RuntimeException e) {
            if (exchange.pending()) {
                exchange.respond(500, "Internal Server Error", List.of(Map.entry("Content-Type", "application/json")),
                        errorBody("Fake server failure: " + e, "server_error"));
            }
            return;
        }
        if (exchange.pending()) {
            exchange.drop(); // a handler that answered nothing must not leave the client hanging
        }
    }

    private static void answerMalformed(Socket socket, String problem) {
        try {
            OutputStream out = socket.getOutputStream();
            new Exchange(socket, out, true, new CountDownLatch(0)).respond(400, "Bad Request",
                    List.of(Map.entry("Content-Type", "application/json")), errorBody(problem, "invalid_request_error"));
        } catch (IOException ignored) {
            // best effort only
        }
    }

    private static String errorBody(String message, String type) {
        return "{\"error\":{\"message\":" + Json.quote(message) + ",\"type\":\"" + type + "\",\"param\":null,\"code\":null}}";
    }

    private boolean track(Socket socket) {
        synchronized (connections) {
            return !closed && connections.add(socket);
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
