package dev.llmretry.reliability;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.FailoverStrategy;
import dev.llmretry.annotation.LlmRetry;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The woven service the chaos soak drives: one sync, one async and one streaming method over the same three
 * endpoints, each with another failover strategy, all on the {@code default} policies of the soak's retry.yaml.
 */
public class ChaosService {
    private final ChaosBackend backend;

    public ChaosService(ChaosBackend backend) {
        this.backend = backend;
    }

    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi", "litellm"}, strategy = FailoverStrategy.PRIORITY)
    public String sync(String q, Endpoint endpoint, ChaosCall call) throws Exception {
        return backend.call(endpoint.name(), call);
    }

    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi", "litellm"}, strategy = FailoverStrategy.ROUND_ROBIN)
    public CompletableFuture<String> async(String q, Endpoint endpoint, ChaosCall call) {
        return backend.callAsync(endpoint.name(), call);
    }

    /** Words of the answer; one call in twenty is cut after its first word (never retried: already delivered). */
    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi", "litellm"}, strategy = FailoverStrategy.SUCCESS_RATE)
    public Stream<String> stream(String q, Endpoint endpoint, ChaosCall call) throws Exception {
        List<String> words = List.of(backend.call(endpoint.name(), call).split(" "));
        boolean cut = call.nextInt(20) == 0;
        Iterator<String> it = new Iterator<>() {
            int served;

            public boolean hasNext() {
                if (cut && served == 1) throw new UncheckedIOException(ChaosBackend.cut(endpoint.name()));
                return served < words.size();
            }

            public String next() {
                return words.get(served++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
    }
}
