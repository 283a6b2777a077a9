package dev.llmretry.reliability;

import dev.llmretry.EndpointsUnavailableException;
import dev.llmretry.LlmHttpException;
import dev.llmretry.AttemptTimeoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One soak thread: calls sync, async and streaming methods until the end time and tallies how each call ended. */
final class SoakWorker implements Callable<SoakWorker.Tally> {
    private final ChaosService service;
    private final int index;
    private final long seed;
    private final long endNanos;
    private final Duration bound;

    SoakWorker(ChaosService service, int index, long seed, long endNanos, Duration bound) {
        this.service = service;
        this.index = index;
        this.seed = seed;
        this.endNanos = endNanos;
        this.bound = bound;
    }

    @Override
    public Tally call() {
        Tally t = new Tally();
        for (long i = 0; System.nanoTime() - endNanos < 0; i++) {
            ChaosCall c = new ChaosCall(seed * 0x9E3779B97F4A7C15L + ((long) index << 32) + i);
            long t0 = System.nanoTime();
            try {
                run(c);
                t.ok++;
            } catch (Throwable failure) {
                t.failed(failure, c);
            }
            long took = System.nanoTime() - t0;
            t.calls++;
            t.slowestNanos = Math.max(t.slowestNanos, took);
            if (took > bound.toNanos()) t.overran.add("call took " + took / 1_000_000 + " ms");
            if (Thread.interrupted()) t.leakedInterrupts++;
        }
        return t;
    }

    private void run(ChaosCall c) throws Throwable {
        int kind = c.nextInt(5);
        if (kind < 2) {
            service.sync("q", null, c);
        } else if (kind < 4) {
            try {
                service.async("q", null, c).get(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            } catch (TimeoutException e) {
                throw new AssertionError("async call never completed", e);
            }
        } else {
            service.stream("q", null, c).forEach(word -> { });
        }
    }

    /** How one worker's calls ended. */
    static final class Tally {
        long calls, ok, failed, rejected, aborted, abortedAttempts, leakedInterrupts, slowestNanos;
        final List<String> unexpected = new ArrayList<>();
        final List<String> overran = new ArrayList<>();

        void failed(Throwable e, ChaosCall c) {
            failed++;
            if (e instanceof EndpointsUnavailableException) rejected++;
            if (e instanceof LlmHttpException h && h.status() == 400) {
                aborted++;
                abortedAttempts += c.attempts();
            } else if (!(e instanceof LlmHttpException || e instanceof IOException || e instanceof UncheckedIOException
                    || e instanceof AttemptTimeoutException || e instanceof EndpointsUnavailableException)) {
                if (unexpected.size() < 20) unexpected.add(e.toString());
            }
        }

        void add(Tally o) {
            calls += o.calls;
            ok += o.ok;
            failed += o.failed;
            rejected += o.rejected;
            aborted += o.aborted;
            abortedAttempts += o.abortedAttempts;
            leakedInterrupts += o.leakedInterrupts;
            slowestNanos = Math.max(slowestNanos, o.slowestNanos);
            unexpected.addAll(o.unexpected);
            overran.addAll(o.overran.subList(0, Math.min(20, o.overran.size())));
        }
    }
}
