package dev.llmretry.it;

import dev.llmretry.annotation.Jitter;
import dev.llmretry.annotation.LlmCircuitBreaker;
import dev.llmretry.annotation.LlmRetry;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The shells (async, streams, publishers) behind one circuit breaker of their own ({@code "shells"}): each attempt
 * runs whatever the test hands in. One failure opens the circuit; one trial success closes it again.
 */
public class ShellService {
    private volatile Supplier<Flow.Publisher<String>> publishers;
    private volatile Supplier<Stream<String>> streams;
    private volatile Supplier<Iterator<String>> iterators;
    private volatile Supplier<IntStream> intStreams;
    private volatile Callable<String> blocking;
    private volatile Supplier<CompletableFuture<String>> async;
    private volatile Function<String, CompletableFuture<String>> quick;

    public void onPublisherAttempt(Supplier<Flow.Publisher<String>> attempt) { this.publishers = attempt; }

    public void onStreamAttempt(Supplier<Stream<String>> attempt) { this.streams = attempt; }

    public void onIteratorAttempt(Supplier<Iterator<String>> attempt) { this.iterators = attempt; }

    public void onIntStreamAttempt(Supplier<IntStream> attempt) { this.intStreams = attempt; }

    public void onBlockingAttempt(Callable<String> attempt) { this.blocking = attempt; }

    public void onAsyncAttempt(Supplier<CompletableFuture<String>> attempt) { this.async = attempt; }

    public void onQuickAttempt(Function<String, CompletableFuture<String>> attempt) { this.quick = attempt; }

    /** Real-time async retries: 10 ms backoff. */
    @LlmRetry(maxAttempts = 3, initialBackoff = "10ms", jitter = Jitter.NONE)
    public CompletableFuture<String> quickAsync(String q) {
        return quick.apply(q);
    }

    /** Real-time async retries with a 200 ms attempt-timeout. */
    @LlmRetry(maxAttempts = 2, initialBackoff = "10ms", jitter = Jitter.NONE, attemptTimeout = "200ms")
    public CompletableFuture<String> quickAsyncWithTimeout(String q) {
        return quick.apply(q);
    }

    /** No retry: a failure opens the circuit at once. */
    @LlmCircuitBreaker(name = "shells", failureThreshold = 1, recoveryTime = "10s", successThreshold = 1)
    public Flow.Publisher<String> publisher(String q) {
        return publishers.get();
    }

    @LlmRetry(maxAttempts = 3, initialBackoff = "1s", jitter = Jitter.NONE)
    public Stream<String> stream(String q) {
        return streams.get();
    }

    @LlmRetry(maxAttempts = 3, initialBackoff = "1s", jitter = Jitter.NONE)
    public Iterator<String> iterator(String q) {
        return iterators.get();
    }

    @LlmRetry(maxAttempts = 3, initialBackoff = "1s", jitter = Jitter.NONE)
    public IntStream intStream(String q) {
        return intStreams.get();
    }

    /** Two attempts at most, bounded by max-duration only (no attempt-timeout). */
    @LlmRetry(maxAttempts = 2, initialBackoff = "1s", jitter = Jitter.NONE, maxDuration = "2s")
    @LlmCircuitBreaker(name = "hang", failureThreshold = 1, recoveryTime = "10s", successThreshold = 1)
    public String boundedByDeadline(String q) throws Exception {
        return blocking.call();
    }

    @LlmRetry(maxAttempts = 2, initialBackoff = "1s", jitter = Jitter.NONE, maxDuration = "2s")
    public CompletableFuture<String> asyncBoundedByDeadline(String q) {
        return async.get();
    }
}
