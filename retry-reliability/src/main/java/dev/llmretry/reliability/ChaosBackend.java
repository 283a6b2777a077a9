package dev.llmretry.reliability;

import dev.llmretry.LlmHttpException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fake upstream behind {@link ChaosService}: each attempt draws a {@link Fault} from its call's seeded random
 * source and fails, hangs, lags or answers accordingly; an endpoint marked down fails every attempt. Counts every
 * body invocation per endpoint. Blocking attempts wait on latches (interruptible, so attempt-timeout ends a hang);
 * asynchronous ones complete on the given scheduler and never block. Thread-safe.
 */
public final class ChaosBackend {
    /** Told when an attempt's body starts and ends (the soak's half-open gauge). */
    public interface AttemptObserver {
        Object entered(String endpoint);

        void left(Object token);
    }

    private static final AttemptObserver NONE = new AttemptObserver() {
        public Object entered(String endpoint) { return null; }

        public void left(Object token) { }
    };

    private final ScheduledExecutorService scheduler;
    private final Map<String, LongAdder> invocations = new ConcurrentHashMap<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final String echoedSecret;
    private volatile AttemptObserver observer = NONE;

    /**
     * @param scheduler    completes delayed async answers
     * @param echoedSecret text the fake upstream echoes into its error bodies (to test masking), or ""
     */
    public ChaosBackend(ScheduledExecutorService scheduler, String echoedSecret) {
        this.scheduler = scheduler;
        this.echoedSecret = echoedSecret;
    }

    public void observe(AttemptObserver o) { this.observer = o; }

    public void setDown(String endpoint, boolean isDown) {
        if (isDown) down.add(endpoint);
        else down.remove(endpoint);
    }

    /** Body invocations that reached {@code endpoint}. */
    public long invocations(String endpoint) {
        LongAdder n = invocations.get(endpoint);
        return n == null ? 0 : n.sum();
    }

    /** A blocking attempt. */
    public String call(String endpoint, ChaosCall c) throws Exception {
        Fault f = draw(endpoint, c);
        Object token = observer.entered(endpoint);
        try {
            if (f == Fault.LATENCY) pause(1 + c.nextInt(20));
            if (f == Fault.HANG) pause(2_000); // ended early by the attempt-timeout's interrupt
            Exception e = failure(f, endpoint);
            if (e != null) throw e;
            return "answer from " + endpoint;
        } finally {
            observer.left(token);
        }
    }

    /**
     * A non-blocking attempt. The observer is told the attempt left before its future completes, so it never counts
     * an attempt the library already considers finished; a hang (completed by the library's attempt-timeout) is not
     * observed at all.
     */
    public CompletableFuture<String> callAsync(String endpoint, ChaosCall c) {
        Fault f = draw(endpoint, c);
        CompletableFuture<String> result = new CompletableFuture<>();
        if (f == Fault.HANG) return result;
        Object token = observer.entered(endpoint);
        Exception e = failure(f, endpoint);
        if (e != null) finish(result, token, null, e);
        else if (f == Fault.LATENCY) scheduler.schedule(() -> finish(result, token, "answer from " + endpoint, null),
                1 + c.nextInt(20), TimeUnit.MILLISECONDS);
        else finish(result, token, "answer from " + endpoint, null);
        return result;
    }

    private void finish(CompletableFuture<String> result, Object token, String value, Exception e) {
        observer.left(token);
        if (e != null) result.completeExceptionally(e);
        else result.complete(value);
    }

    private Fault draw(String endpoint, ChaosCall c) {
        invocations.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
        Fault f = c.nextFault();
        if (down.contains(endpoint)) return f.ordinal() % 2 == 0 ? Fault.STATUS_503 : Fault.CONNECTION_REFUSED;
        return f;
    }

    private Exception failure(Fault f, String endpoint) {
        String body = "{\"error\":{\"message\":\"upstream " + endpoint + " failed, key " + echoedSecret + "\"}}";
        switch (f) {
            case STATUS_500: return new LlmHttpException(500, Map.of(), body);
            case STATUS_503: return new LlmHttpException(503, Map.of(), body);
            case STATUS_504: return new LlmHttpException(504, Map.of(), body);
            case RATE_LIMITED: return new LlmHttpException(429, Map.of("retry-after-ms", List.of("3")), body);
            case RATE_LIMITED_TOO_LONG: return new LlmHttpException(429, Map.of("retry-after", List.of("30")), body);
            case QUOTA: return new LlmHttpException(429, Map.of(),
                    "{\"error\":{\"code\":\"insufficient_quota\",\"message\":\"quota of " + echoedSecret + " used up\"}}");
            case BAD_REQUEST: return new LlmHttpException(400, Map.of(), body);
            case CONNECTION_RESET: return new SocketException("Connection reset by " + endpoint + " " + echoedSecret);
            case CONNECTION_REFUSED: return new ConnectException("Connection refused: " + endpoint);
            default: return null;
        }
    }

    private static void pause(long millis) throws InterruptedException {
        new CountDownLatch(1).await(millis, TimeUnit.MILLISECONDS);
    }

    /** Thrown by a stream cut after its first chunk. */
    static IOException cut(String endpoint) {
        return new IOException("stream cut by " + endpoint);
    }
}
