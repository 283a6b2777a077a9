package dev.llmretry.it;

import dev.llmretry.annotation.Jitter;
import dev.llmretry.annotation.LlmRetry;
import java.util.concurrent.Callable;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/** Attempt timeouts and cancellation: each attempt runs whatever the test hands in. */
public class TimeoutService {
    private volatile Callable<String> blocking;
    private volatile Supplier<CompletableFuture<String>> async;
    private volatile Supplier<Iterator<String>> streams;
    private volatile Supplier<Flow.Publisher<String>> publishers;

    public void onStreamAttempt(Supplier<Iterator<String>> attempt) {
        this.streams = attempt;
    }

    public void onPublisherAttempt(Supplier<Flow.Publisher<String>> attempt) {
        this.publishers = attempt;
    }

    /** attempt-timeout bounds the time to the first element. */
    @LlmRetry(maxAttempts = 3, initialBackoff = "1s", jitter = Jitter.NONE, attemptTimeout = "2s")
    public Iterator<String> stream(String q) {
        return streams.get();
    }

    @LlmRetry(maxAttempts = 3, initialBackoff = "1s", jitter = Jitter.NONE, attemptTimeout = "2s")
    public Flow.Publisher<String> publisher(String q) {
        return publishers.get();
    }

    public void onBlockingAttempt(Callable<String> attempt) {
        this.blocking = attempt;
    }

    public void onAsyncAttempt(Supplier<CompletableFuture<String>> attempt) {
        this.async = attempt;
    }

    @LlmRetry(maxAttempts = 3, initialBackoff = "1s", jitter = Jitter.NONE, attemptTimeout = "2s")
    public String blocking(String q) throws Exception {
        return blocking.call();
    }

    @LlmRetry(maxAttempts = 3, initialBackoff = "1s", jitter = Jitter.NONE, attemptTimeout = "2s")
    public CompletableFuture<String> async(String q) {
        return async.get();
    }

    @LlmRetry(maxAttempts = 6, initialBackoff = "1s", jitter = Jitter.NONE)
    public CompletableFuture<String> asyncNoTimeout(String q) {
        return async.get();
    }
}
