package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.event.RetryScheduled;
import dev.llmretry.AttemptTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** attempt-timeout for blocking and async attempts, and cancellation of async calls, in virtual time. */
class TimeoutAndCancelTest {
    @RegisterExtension final Fresh fresh = new Fresh();
    final TimeoutService service = new TimeoutService();

    @Test
    void blockingAttemptPastItsTimeout_isInterrupted_endsAsTimeout_andIsRetried() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        service.onBlockingAttempt(() -> {
            if (attempts.incrementAndGet() == 1) {
                fresh.clock.advance(Duration.ofSeconds(3)); // the server is slow: 3s pass, the 2s timer fires
                new CountDownLatch(1).await();             // a blocking read, ended by the timer's interrupt
            }
            return "ok";
        });

        assertEquals("ok", service.blocking("q"));

        assertEquals(2, attempts.get());
        assertFalse(Thread.currentThread().isInterrupted(), "the timer's interrupt must not leak to the caller");
        RetryScheduled retry = fresh.events(RetryScheduled.class).get(0);
        assertInstanceOf(AttemptTimeoutException.class, retry.cause());
        assertEquals("timeout", retry.reason());
    }

    @Test
    void fastBlockingAttempt_timerNeverFires_noInterruptLeft() throws Exception {
        service.onBlockingAttempt(() -> "fast");

        assertEquals("fast", service.blocking("q"));
        fresh.clock.advance(Duration.ofSeconds(5));

        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(0, fresh.clock.pendingTasks(), "a finished attempt's timer is cancelled");
    }

    @Test
    void asyncAttemptPastItsTimeout_futureTimesOut_andIsRetried() {
        List<CompletableFuture<String>> attempts = new ArrayList<>();
        service.onAsyncAttempt(() -> {
            CompletableFuture<String> f = attempts.isEmpty() ? new CompletableFuture<>()
                    : CompletableFuture.completedFuture("second");
            attempts.add(f);
            return f;
        });

        CompletableFuture<String> result = service.async("q");
        fresh.clock.runUntil(result::isDone);

        assertEquals("second", result.join());
        assertTrue(attempts.get(0).isCompletedExceptionally(), "the timed-out attempt's future is completed");
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(1)), fresh.clock.waits());
    }

    @Test
    void streamWhoseFirstElementIsLate_timesOut_andIsRetried() {
        AtomicInteger attempts = new AtomicInteger();
        service.onStreamAttempt(() -> attempts.incrementAndGet() > 1 ? List.of("ok").iterator() : new java.util.Iterator<>() {
            public boolean hasNext() {
                fresh.clock.advance(Duration.ofSeconds(3)); // the first chunk takes 3s: the 2s timer fires
                try {
                    new CountDownLatch(1).await();
                    return true;
                } catch (InterruptedException e) {
                    throw new IllegalStateException("read interrupted", e);
                }
            }

            public String next() { return "never"; }
        });

        java.util.Iterator<String> result = service.stream("q");

        assertEquals("ok", result.next());
        assertEquals(2, attempts.get());
        assertFalse(Thread.currentThread().isInterrupted());
        assertInstanceOf(AttemptTimeoutException.class, fresh.events(RetryScheduled.class).get(0).cause());
    }

    @Test
    void publisherWhoseFirstElementIsLate_timesOut_isCancelled_andIsRetried() {
        AtomicInteger attempts = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean silentOneCancelled = new java.util.concurrent.atomic.AtomicBoolean();
        service.onPublisherAttempt(() -> attempts.incrementAndGet() > 1
                ? subscriber -> {
                    java.util.concurrent.SubmissionPublisher<String> p = new java.util.concurrent.SubmissionPublisher<>(Runnable::run, 8);
                    p.subscribe(subscriber);
                    p.submit("ok");
                    p.close();
                }
                : subscriber -> subscriber.onSubscribe(new java.util.concurrent.Flow.Subscription() {
                    public void request(long n) { }                       // never answers
                    public void cancel() { silentOneCancelled.set(true); }
                }));
        List<String> items = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();

        service.publisher("q").subscribe(new java.util.concurrent.Flow.Subscriber<>() {
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) { s.request(10); }
            public void onNext(String item) { items.add(item); }
            public void onError(Throwable t) { done.completeExceptionally(t); }
            public void onComplete() { done.complete(null); }
        });
        fresh.clock.runUntil(done::isDone);

        assertTrue(done.isDone() && !done.isCompletedExceptionally());
        assertEquals(List.of("ok"), items);
        assertTrue(silentOneCancelled.get(), "the timed-out attempt's subscription is cancelled");
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(1)), fresh.clock.waits());
    }

    @Test
    void cancellingTheResult_cancelsTheInFlightAttempt() {
        CompletableFuture<String> inFlight = new CompletableFuture<>();
        service.onAsyncAttempt(() -> inFlight);

        CompletableFuture<String> result = service.asyncNoTimeout("q");
        result.cancel(true);

        assertTrue(inFlight.isCancelled());
        fresh.clock.runAll();
        assertTrue(result.isCancelled());
    }

    @Test
    void cancellingTheResult_duringBackoff_cancelsThePendingRetry() {
        AtomicInteger attempts = new AtomicInteger();
        service.onAsyncAttempt(() -> {
            attempts.incrementAndGet();
            return CompletableFuture.failedFuture(new LlmHttpException(503, Map.of(), ""));
        });

        CompletableFuture<String> result = service.asyncNoTimeout("q");
        assertEquals(1, fresh.clock.pendingTasks(), "the retry waits as a scheduled task");
        result.cancel(true);

        assertEquals(0, fresh.clock.pendingTasks());
        fresh.clock.runAll();
        assertEquals(1, attempts.get(), "no attempt after cancellation");
    }

    @Test
    void tenThousandAsyncCallsInBackoff_holdNoThreadEach() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        service.onAsyncAttempt(() -> attempts.incrementAndGet() <= 10_000
                ? CompletableFuture.failedFuture(new LlmHttpException(503, Map.of(), ""))
                : CompletableFuture.completedFuture("ok"));
        int threadsBefore = Thread.activeCount();

        List<CompletableFuture<String>> calls = new ArrayList<>();
        // 10,000 "Attempt 1/6 failed" WARN lines would drown the build log: capture them instead
        String log = ListenerAndLoggingTest.captureStderr(() -> {
            for (int i = 0; i < 10_000; i++) calls.add(service.asyncNoTimeout("q" + i));

            assertEquals(10_000, fresh.clock.pendingTasks(), "every call is waiting for its retry");
            assertTrue(Thread.activeCount() <= threadsBefore + 2, "waiting calls hold no threads");
            fresh.clock.runAll();
        });
        assertTrue(calls.stream().allMatch(c -> "ok".equals(c.join())));
        assertEquals(10_000, log.split("Attempt 1/6 failed", -1).length - 1);
    }
}
