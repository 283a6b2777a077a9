package dev.llmretry.it;

import dev.llmretry.testing.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One call, four result shapes: each runs the same method of {@link ShapedChatService} and turns the result into
 * the answer text (or rethrows the failure unwrapped), driving virtual time for the async shapes. Scenario tests
 * take a Shape parameter so sync, async and streaming cannot drift apart.
 */
enum Shape {
    SYNC {
        String call(ShapedChatService s, VirtualClock clock, String q) throws Exception {
            return s.sync(q, null);
        }
    },
    ASYNC {
        String call(ShapedChatService s, VirtualClock clock, String q) throws Exception {
            CompletableFuture<String> f = s.async(q, null);
            clock.runUntil(f::isDone);
            try {
                return f.join();
            } catch (CompletionException e) {
                throw rethrow(e.getCause());
            }
        }
    },
    STREAM {
        String call(ShapedChatService s, VirtualClock clock, String q) throws Exception {
            try (Stream<String> words = s.stream(q, null)) {
                return words.collect(Collectors.joining(" "));
            }
        }
    },
    PUBLISHER {
        String call(ShapedChatService s, VirtualClock clock, String q) throws Exception {
            List<String> words = new ArrayList<>();
            CompletableFuture<String> done = new CompletableFuture<>();
            s.publisher(q, null).subscribe(new Flow.Subscriber<>() {
                public void onSubscribe(Flow.Subscription sub) { sub.request(Long.MAX_VALUE); }
                public void onNext(String item) { words.add(item); }
                public void onError(Throwable t) { done.completeExceptionally(t); }
                public void onComplete() { done.complete(String.join(" ", words)); }
            });
            clock.runUntil(done::isDone);
            try {
                return done.join();
            } catch (CompletionException e) {
                throw rethrow(e.getCause());
            }
        }
    };

    abstract String call(ShapedChatService s, VirtualClock clock, String q) throws Exception;

    static Exception rethrow(Throwable t) {
        if (t instanceof Exception e) return e;
        throw (Error) t;
    }
}
