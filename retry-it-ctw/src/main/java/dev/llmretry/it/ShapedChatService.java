package dev.llmretry.it;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.Jitter;
import dev.llmretry.annotation.LlmRetry;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.stream.Stream;

/** The same failover method in every result shape the library supports, over one {@link ScriptedBackend}. */
public class ShapedChatService {
    private final ScriptedBackend backend;

    public ShapedChatService(ScriptedBackend backend) {
        this.backend = backend;
    }

    @LlmRetry(jitter = Jitter.NONE)
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public String sync(String q, Endpoint endpoint) throws Exception {
        return backend.call(endpoint.name(), q);
    }

    @LlmRetry(jitter = Jitter.NONE)
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public CompletableFuture<String> async(String q, Endpoint endpoint) {
        try {
            return CompletableFuture.completedFuture(backend.call(endpoint.name(), q));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @LlmRetry(jitter = Jitter.NONE)
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public Stream<String> stream(String q, Endpoint endpoint) throws Exception {
        return Arrays.stream(backend.call(endpoint.name(), q).split(" "));
    }

    @LlmRetry(jitter = Jitter.NONE)
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public Flow.Publisher<String> publisher(String q, Endpoint endpoint) {
        return subscriber -> {
            List<String> words;
            try {
                words = Arrays.asList(backend.call(endpoint.name(), q).split(" "));
            } catch (Exception e) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    public void request(long n) { }
                    public void cancel() { }
                });
                subscriber.onError(e);
                return;
            }
            SubmissionPublisher<String> p = new SubmissionPublisher<>(Runnable::run, 256);
            p.subscribe(subscriber);
            words.forEach(p::submit);
            p.close();
        };
    }

    /** A stream whose source fails after {@code goodChunks} chunks: the failure must not be retried. */
    @LlmRetry(jitter = Jitter.NONE)
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public Iterator<String> cutStream(String q, int goodChunks, Endpoint endpoint) throws Exception {
        String answer = backend.call(endpoint.name(), q);
        Iterator<String> words = Arrays.asList(answer.split(" ")).iterator();
        return new Iterator<>() {
            int served;

            public boolean hasNext() {
                if (served >= goodChunks) throw new java.io.UncheckedIOException(
                        new java.io.IOException("stream cut by " + endpoint.name()));
                return words.hasNext();
            }

            public String next() {
                served++;
                return words.next();
            }
        };
    }
}
