package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.RetryScheduled;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flow.Publisher results and the breaker permit of their attempt: a subscriber that leaves before the first element
 * gives the permit back, and the first element racing the attempt-timeout settles the permit exactly once.
 */
class PublisherPermitTest {
    @RegisterExtension final Fresh fresh = new Fresh();
    final ShellService shells = new ShellService();
    final TimeoutService timeouts = new TimeoutService();

    @Test
    void halfOpenTrial_subscriberCancelsBeforeFirstElement_permitGivenBack_nextCallClosesTheCircuit() {
        halfOpenTrialLeftEarly(Flow.Subscription::cancel);
    }

    @Test
    void halfOpenTrial_subscriberRequestsZeroBeforeFirstElement_permitGivenBack_nextCallClosesTheCircuit() {
        halfOpenTrialLeftEarly(s -> s.request(0));
    }

    /** Opens "shells", lets the recovery time pass, starts a trial that never answers and leaves it with {@code leave}. */
    private void halfOpenTrialLeftEarly(Consumer<Flow.Subscription> leave) {
        shells.onPublisherAttempt(() -> failing(new LlmHttpException(503, Map.of(), "")));
        assertTrue(collect(shells.publisher("q")).isCompletedExceptionally());
        assertEquals("circuit_open", state("shells"));
        fresh.clock.advance(Duration.ofSeconds(10));

        AtomicBoolean silentCancelled = new AtomicBoolean();
        shells.onPublisherAttempt(() -> silent(silentCancelled));
        AtomicReference<Flow.Subscription> trial = new AtomicReference<>();
        shells.publisher("q").subscribe(new Recorder(trial::set));
        assertEquals("half_open", state("shells"), "the trial holds the only half-open permit");
        leave.accept(trial.get());
        assertTrue(silentCancelled.get(), "the trial's upstream is cancelled");

        shells.onPublisherAttempt(() -> answering("ok"));
        CompletableFuture<List<String>> next = collect(shells.publisher("q"));

        assertEquals(List.of("ok"), next.join(), "the next call is admitted as the trial");
        assertTrue(List.of("healthy", "degraded").contains(state("shells")), "the trial closed the circuit: "
                + state("shells"));
    }

    @Test
    void firstElementRacingTheAttemptTimeout_exactlyOneWins_neverDuplicatedText() {
        int rounds = 3_000;
        AtomicInteger duplicated = new AtomicInteger();
        AtomicInteger timedOutWins = new AtomicInteger();
        AtomicReference<Flow.Subscriber<? super String>> firstAttempt = new AtomicReference<>();
        AtomicInteger go = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        Thread element = new Thread(() -> { // delivers round i's first element the moment round i starts
            for (int i = 1; i <= rounds; i++) {
                while (go.get() < i) Thread.onSpinWait();
                Flow.Subscriber<? super String> s = firstAttempt.get();
                s.onNext("first");
                s.onComplete();
                delivered.set(i);
            }
        }, "first-element");
        element.setDaemon(true);
        element.start();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 1; i <= rounds; i++) {
                AtomicInteger attempts = new AtomicInteger();
                timeouts.onPublisherAttempt(() -> attempts.incrementAndGet() == 1
                        ? subscriber -> {
                            firstAttempt.set(subscriber);
                            subscriber.onSubscribe(new Flow.Subscription() {
                                public void request(long n) { }
                                public void cancel() { }
                            });
                        }
                        : answering("second"));
                CompletableFuture<List<String>> done = collect(timeouts.publisher("q"));
                go.set(i);
                fresh.clock.advance(Duration.ofSeconds(2)); // the attempt-timeout fires while "first" arrives
                while (delivered.get() < i) Thread.onSpinWait();
                fresh.clock.runUntil(done::isDone);
                List<String> items = done.join();
                if (items.size() != 1) duplicated.incrementAndGet();
                if (items.equals(List.of("second"))) timedOutWins.incrementAndGet();
            }
        });
        assertEquals(0, duplicated.get(), "subscribers that saw both attempts' text");
        long succeeded = fresh.events(CallSucceeded.class).size();
        long retried = fresh.events(RetryScheduled.class).size();
        assertEquals(rounds, succeeded, "one success per call");
        assertEquals(timedOutWins.get(), retried, "a retry only where the timeout won");
    }

    private static String state(String name) {
        return LlmResilience.health().endpoints().get(name).state().toString(); // as the health JSON names it
    }

    static Flow.Publisher<String> failing(Exception e) {
        return subscriber -> {
            subscriber.onSubscribe(new Flow.Subscription() {
                public void request(long n) { }
                public void cancel() { }
            });
            subscriber.onError(e);
        };
    }

    static Flow.Publisher<String> silent(AtomicBoolean cancelled) {
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            public void request(long n) { }
            public void cancel() { cancelled.set(true); }
        });
    }

    static Flow.Publisher<String> answering(String... words) {
        return subscriber -> {
            SubmissionPublisher<String> p = new SubmissionPublisher<>(Runnable::run, 8);
            p.subscribe(subscriber);
            for (String w : words) p.submit(w);
            p.close();
        };
    }

    static CompletableFuture<List<String>> collect(Flow.Publisher<String> publisher) {
        Recorder r = new Recorder(s -> s.request(Long.MAX_VALUE));
        publisher.subscribe(r);
        return r.done;
    }

    /** Records what a subscriber receives; {@code onSubscribe} decides what to do with the subscription. */
    static final class Recorder implements Flow.Subscriber<String> {
        final List<String> items = new CopyOnWriteArrayList<>();
        final CompletableFuture<List<String>> done = new CompletableFuture<>();
        private final Consumer<Flow.Subscription> onSubscribe;

        Recorder(Consumer<Flow.Subscription> onSubscribe) {
            this.onSubscribe = onSubscribe;
        }

        public void onSubscribe(Flow.Subscription s) { onSubscribe.accept(s); }
        public void onNext(String item) { items.add(item); }
        public void onError(Throwable t) { done.completeExceptionally(t); }
        public void onComplete() { done.complete(List.copyOf(items)); }
    }
}
