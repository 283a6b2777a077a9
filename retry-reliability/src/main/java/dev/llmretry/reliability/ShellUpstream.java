package dev.llmretry.reliability;

import dev.llmretry.Endpoint;
import dev.llmretry.LlmHttpException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An upstream for the shell soak: per attempt it fails (503), hangs (never answers) or answers, at random from a
 * seed. Publishers signal from the given scheduler, as a client's I/O thread would.
 */
public final class ShellUpstream {
    private final ScheduledExecutorService io;
    private final SplittableRandom random;
    private final int failPercent;
    private final int hangPercent;
    private final CountDownLatch never = new CountDownLatch(1);
    private final Map<String, AtomicLong> invocations = new ConcurrentHashMap<>();

    public ShellUpstream(ScheduledExecutorService io, long seed, int failPercent, int hangPercent) {
        this.io = io;
        this.random = new SplittableRandom(seed);
        this.failPercent = failPercent;
        this.hangPercent = hangPercent;
    }

    /** Ends every hang (at the end of a test). */
    public void release() { never.countDown(); }

    public long invocations(String endpoint) {
        AtomicLong n = invocations.get(endpoint);
        return n == null ? 0 : n.get();
    }

    private int draw(Endpoint endpoint) {
        invocations.computeIfAbsent(endpoint.name(), k -> new AtomicLong()).incrementAndGet();
        synchronized (random) {
            return random.nextInt(100);
        }
    }

    /** A blocking attempt: fails, hangs until interrupted, or answers. */
    public String call(Endpoint endpoint) throws Exception {
        int d = draw(endpoint);
        if (d < failPercent) throw new LlmHttpException(503, Map.of(), "");
        if (d < failPercent + hangPercent) {
            never.await();
            throw new IllegalStateException("released");
        }
        return "answer from " + endpoint.name();
    }

    /** A publisher attempt: errors, stays silent (until cancelled), or emits one element and completes. */
    public Flow.Publisher<String> publisher(Endpoint endpoint) {
        int d = draw(endpoint);
        long delay;
        synchronized (random) {
            delay = random.nextInt(3);
        }
        return subscriber -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            AtomicBoolean requested = new AtomicBoolean();
            subscriber.onSubscribe(new Flow.Subscription() {
                public void request(long n) {
                    if (n <= 0 || !requested.compareAndSet(false, true)) return;
                    if (d >= failPercent && d < failPercent + hangPercent) return; // silent
                    io.schedule(() -> {
                        if (cancelled.get()) return;
                        if (d < failPercent) {
                            subscriber.onError(new LlmHttpException(503, Map.of(), ""));
                        } else {
                            subscriber.onNext("answer from " + endpoint.name());
                            subscriber.onComplete();
                        }
                    }, delay, TimeUnit.MILLISECONDS);
                }

                public void cancel() { cancelled.set(true); }
            });
        };
    }
}
