package dev.llmretry.testing;

import dev.llmretry.testing.server.LoopbackHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenAI-compatible HTTP server on 127.0.0.1 (random free port) for tests and demos:
 * {@code POST /v1/chat/completions} answers with scripted {@link FakeResponse}s in order, then with
 * a default completion ("Hello from &lt;name&gt;! You said: &lt;last user message&gt;"), as JSON or as
 * SSE when the request has {@code "stream": true}. {@code GET /v1/models} lists one model; other
 * paths get 404, other methods on the chat path 405. Every request is recorded.
 *
 * <p>Standalone:
 * <pre>{@code
 * try (FakeLlmServer iag = FakeLlmServer.start("iag")) {
 *     iag.enqueue(FakeResponse.status(504).times(3));
 *     iag.enqueue(FakeResponse.ok("Paris"));
 *     callYourClient(iag.baseUrl());           // http://127.0.0.1:<port>/v1
 *     assertEquals(4, iag.requestCount());
 * }
 * }</pre>
 *
 * <p>As a JUnit 5 extension: a {@code static} field is started once for the class, an instance
 * field once per test; either way the script and the recorded requests are reset before each test,
 * and the server is closed when its scope ends (also if you started it yourself).
 * <pre>{@code
 * @RegisterExtension
 * static FakeLlmServer iag = FakeLlmServer.named("iag");   // started lazily by the extension
 * }</pre>
 *
 * <p>Thread-safe: any number of clients may call it concurrently, and the script may be changed
 * while it serves. Threads are daemons; {@link #close()} closes open connections and ends them.
 */
public final class FakeLlmServer implements AutoCloseable,
        BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final String DEFAULT_NAME = "fake-llm";

    private final String name;
    private final ResponseScript script = new ResponseScript();
    private LoopbackHttpServer http;   // guarded by this; null while not running
    private int classScopes;           // guarded by this; > 0 while a test class (or nested one) owns the server

    private FakeLlmServer(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new IllegalArgumentException("name must be non-blank without spaces or control characters, was '" + name + "'");
        }
        this.name = name;
    }

    /** Starts a server named {@code fake-llm}. */
    public static FakeLlmServer start() {
        return start(DEFAULT_NAME);
    }

    /** Starts a server; {@code name} appears in its default answers, ids and thread names. */
    public static FakeLlmServer start(String name) {
        FakeLlmServer server = new FakeLlmServer(name);
        server.ensureRunning();
        return server;
    }

    /** A server that is not started yet: for {@code @RegisterExtension}, which starts it when its scope begins. */
    public static FakeLlmServer named(String name) {
        return new FakeLlmServer(name);
    }

    /** The name given at creation. */
    public String name() {
        return name;
    }

    /** The bound port; only while running. */
    public synchronized int port() {
        return running().port();
    }

    /** {@code http://127.0.0.1:<port>/v1}: what OpenAI clients call the base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** {@code http://127.0.0.1:<port>/v1/chat/completions}. */
    public String chatUrl() {
        return "http://127.0.0.1:" + port() + ChatResponder.CHAT_PATH;
    }

    /** Whether the server is accepting connections. */
    public synchronized boolean isRunning() {
        return http != null;
    }

    /** Queues answers for the next chat requests, in order (each one {@link FakeResponse#times} times). */
    public FakeLlmServer enqueue(FakeResponse... responses) {
        for (FakeResponse response : responses) {
            script.enqueue(null, response);
        }
        return this;
    }

    /**
     * Queues an answer reserved for requests matching {@code condition}; other requests pass it by.
     * The condition runs under the script's lock: keep it cheap and free of side effects.
     */
    public FakeLlmServer enqueueWhen(Predicate<? super RecordedRequest> condition, FakeResponse response) {
        script.enqueue(Objects.requireNonNull(condition, "condition"), response);
        return this;
    }

    /** Answers every chat request the queue does not serve with {@code response}, until {@link #reset()}. */
    public FakeLlmServer always(FakeResponse response) {
        script.always(response);
        return this;
    }

    /**
     * Answers each chat request the queue does not serve with {@code failure} with probability
     * {@code probability}, else with the default answer. The same seed gives the same sequence.
     * Replaces {@link #always}, and is replaced by it, until {@link #reset()}.
     */
    public FakeLlmServer failWithProbability(double probability, long seed, FakeResponse failure) {
        script.failWithProbability(probability, seed, failure);
        return this;
    }

    /** Every request received since start or the last {@link #reset()}, in arrival order. */
    public List<RecordedRequest> requests() {
        return script.requests();
    }

    /** How many requests were received since start or the last {@link #reset()}. */
    public int requestCount() {
        return script.requestCount();
    }

    /**
     * The most recent request.
     *
     * @throws IllegalStateException if none was received since start or the last {@link #reset()}
     */
    public RecordedRequest lastRequest() {
        RecordedRequest last = script.lastRequest();
        if (last == null) {
            throw new IllegalStateException("FakeLlmServer '" + name + "' has received no request");
        }
        return last;
    }

    /** How many queued answers have not been served yet (a strict test expects 0 at the end). */
    public int pendingResponses() {
        return script.pendingResponses();
    }

    /** Forgets the script ({@code enqueue}, {@code always}, {@code failWithProbability}) and the recorded requests. */
    public void reset() {
        script.reset();
    }

    /** Stops accepting, closes open connections and ends the server's threads. Idempotent. */
    @Override
    public void close() {
        LoopbackHttpServer stopping;
        synchronized (this) {
            stopping = http;
            http = null;
        }
        if (stopping != null) {
            stopping.close(); // outside the lock: in-flight answers may still read the script
        }
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        classScopes++; // nested classes call again with the same instance
        ensureRunning();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        boolean last;
        synchronized (this) {
            last = --classScopes == 0;
        }
        if (last) {
            close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ensureRunning();
        reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        boolean testScoped;
        synchronized (this) {
            testScoped = classScopes == 0;
        }
        if (testScoped) {
            close();
        }
    }

    @Override
    public String toString() {
        LoopbackHttpServer current;
        synchronized (this) {
            current = http;
        }
        return "FakeLlmServer[" + name + (current == null ? ", not running]" : " at http://127.0.0.1:" + current.port() + "/v1]");
    }

    private synchronized void ensureRunning() {
        if (http == null) {
            try {
                http = LoopbackHttpServer.start("FakeLlmServer-" + name, new ChatResponder(name, script));
            } catch (IOException e) {
                throw new UncheckedIOException("FakeLlmServer '" + name + "' could not bind a port on 127.0.0.1", e);
            }
        }
    }

    private LoopbackHttpServer running() {
        if (http == null) {
            throw new IllegalStateException("FakeLlmServer '" + name + "' is not running: use FakeLlmServer.start(\""
                    + name + "\"), or register it with @RegisterExtension (it starts before the first test)");
        }
        return http;
    }
}
