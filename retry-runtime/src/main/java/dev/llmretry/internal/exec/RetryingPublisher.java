package dev.llmretry.internal.exec;

import dev.llmretry.time.TimeSource;

import dev.llmretry.event.StreamIncomplete;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The streaming shell for {@link Flow.Publisher} results. Each subscriber gets its own call: attempts subscribe to
 * the method's publisher; until the first {@code onNext} an error is a failed attempt (retried after a scheduled
 * wait, or failed over, by the shared decision core); after it, errors pass to the subscriber unchanged, are recorded
 * against the endpoint and raise {@link StreamIncomplete}. {@code attempt-timeout}, and at the latest the call's
 * {@code max-duration}, bound each attempt's time to its first element. A subscriber that cancels (or requests
 * {@code n <= 0}) before the first element gives the attempt's breaker permit back. Demand requested before an
 * attempt's subscription arrives is carried over to it. Follows the Reactive Streams rules for signals to the
 * downstream subscriber: one terminal signal, and {@code request}/{@code cancel} after it are no-ops.
 *
 * <pre>{@code
 * Flow.Publisher<Object> answer = new RetryingPublisher(plan, endpoint -> client.streamChat(endpoint, q));
 * }</pre>
 */
public final class RetryingPublisher implements Flow.Publisher<Object> {
    private final MethodPlan plan;
    private final Attempt attempt;

    public RetryingPublisher(MethodPlan plan, Attempt attempt) {
        this.plan = plan;
        this.attempt = attempt;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Object> downstream) {
        new Subscription(downstream).begin();
    }

    /**
     * One subscriber's call. The permit of each attempt is settled exactly once, by whichever comes first: its first
     * element (or completion), its error, its attempt-timeout, or the subscriber leaving ({@code cancel},
     * {@code request(n <= 0)}). {@link #live} names the attempt whose permit is still unsettled; settling is winning
     * the compare-and-set on it, so a first element racing the timeout is either delivered or retried, never both.
     */
    private final class Subscription implements Flow.Subscription, WaitingCalls.Waiting {
        private final Flow.Subscriber<? super Object> downstream;
        private long requested; // total demand from downstream; guarded by this
        private Flow.Subscription upstream; // guarded by this
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AtomicInteger live = new AtomicInteger(); // the attempt holding an unsettled permit; 0 for none
        private volatile long deadline;
        private volatile CallState call;
        private volatile TimeSource.Cancellable pendingRetry;
        private volatile int committed; // the attempt whose first element was delivered; 0 before
        private int generation; // attempts started; written only by run(), one attempt after the other
        private volatile TimeSource.Cancellable pendingTimeout;
        private long delivered;

        Subscription(Flow.Subscriber<? super Object> downstream) {
            this.downstream = downstream;
        }

        void begin() {
            downstream.onSubscribe(this);
            if (cancelled.get()) return; // left inside onSubscribe: no permit taken
            CallState c;
            try {
                c = plan.begin();
            } catch (Throwable t) {
                fail(t);
                return;
            }
            deadline = CallWatch.deadline(plan, c.startNanos());
            call = c;
            run();
        }

        /** Wins the right to settle attempt {@code attemptNo}'s permit; false if something else settled it. */
        private boolean settle(int attemptNo) {
            return attemptNo != 0 && live.compareAndSet(attemptNo, 0);
        }

        /** The subscriber left before the attempt's first element: the permit goes back, no outcome recorded. */
        private void giveBack() {
            call.abandon();
        }

        private void run() {
            int attemptNo = ++generation;
            live.set(attemptNo);
            if (cancelled.get()) { // cancelled after the permit for this attempt was taken
                if (settle(attemptNo)) giveBack();
                return;
            }
            Flow.Publisher<?> source;
            try {
                call.inject();
                Object result = attempt.invoke(call.endpoint());
                if (result == null) throw new NullPointerException(plan.methodId + " returned a null Publisher");
                source = (Flow.Publisher<?>) result;
            } catch (Throwable t) {
                if (settle(attemptNo)) failedBeforeFirst(t);
                return;
            }
            armTimeout(attemptNo);
            source.subscribe(new AttemptSubscriber(attemptNo));
        }

        /** {@code attempt-timeout} and, at the latest, {@code max-duration} bound the wait for the first element. */
        private void armTimeout(int attemptNo) {
            long nanos = CallWatch.attemptLimitNanos(plan, deadline);
            if (nanos == 0) return;
            pendingTimeout = plan.time.schedule(() -> {
                if (!settle(attemptNo)) return; // the first element, an error or a cancel came first
                cancelUpstream();
                failedBeforeFirst(CallWatch.expired(plan, deadline));
            }, nanos);
        }

        private void disarmTimeout() {
            TimeSource.Cancellable t = pendingTimeout;
            if (t != null) t.cancel();
        }

        private void cancelUpstream() {
            Flow.Subscription s;
            synchronized (this) {
                s = upstream;
                upstream = null;
            }
            if (s != null) s.cancel();
        }

        private void commit(int attemptNo) {
            committed = attemptNo;
            disarmTimeout();
            call.succeeded();
        }

        /** Receives one attempt's signals; those of an attempt settled otherwise (timed out, cancelled) are dropped. */
        private final class AttemptSubscriber implements Flow.Subscriber<Object> {
            private final int attemptNo;

            AttemptSubscriber(int attemptNo) {
                this.attemptNo = attemptNo;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                long n;
                synchronized (Subscription.this) {
                    // checked under the lock that cancelUpstream() takes, so a settled attempt never keeps running
                    if (cancelled.get() || live.get() != attemptNo) {
                        n = -1;
                    } else {
                        upstream = s;
                        n = requested; // nothing was delivered yet: a new attempt owes the whole demand
                    }
                }
                if (n < 0) s.cancel();
                else if (n > 0) s.request(n);
            }

            @Override
            public void onNext(Object item) {
                if (committed != attemptNo) {
                    if (!settle(attemptNo)) return;
                    commit(attemptNo);
                }
                delivered++;
                downstream.onNext(item);
            }

            @Override
            public void onError(Throwable t) {
                if (committed != attemptNo) {
                    if (!settle(attemptNo)) return;
                    disarmTimeout();
                    failedBeforeFirst(t);
                    return;
                }
                String summary = plan.runtime.redactor().summary(t);
                call.target().failedLate(plan.time.nanoTime(), summary, plan.time.now());
                plan.runtime.listeners().emit(new StreamIncomplete(call.callId(), plan.methodId, plan.time.now(),
                        call.target().name, delivered, t, summary));
                fail(t);
            }

            @Override
            public void onComplete() {
                if (committed != attemptNo) {
                    if (!settle(attemptNo)) return;
                    commit(attemptNo);
                }
                if (cancelled.compareAndSet(false, true)) downstream.onComplete();
            }
        }

        private void failedBeforeFirst(Throwable failure) {
            synchronized (this) {
                upstream = null;
            }
            try {
                call.failed(failure);
            } catch (Throwable terminal) {
                fail(terminal);
                return;
            }
            pendingRetry = WaitingCalls.afterDelay(plan.time, this, call.delayNanos(), this::next);
        }

        @Override
        public CallState state() {
            return call;
        }

        /** The library shut down while this subscription waited: its subscriber gets the last failure. */
        @Override
        public void end(Throwable lastFailure) {
            fail(lastFailure);
        }

        private void next() {
            if (cancelled.get()) {
                call.abandon(); // a failover may already hold the next endpoint's permit
                return;
            }
            try {
                call.acquireNext();
            } catch (Throwable terminal) {
                fail(terminal);
                return;
            }
            run();
        }

        /** The one terminal signal (§1.7): the subscription counts as cancelled from here on (§1.6). */
        private void fail(Throwable t) {
            if (cancelled.compareAndSet(false, true)) downstream.onError(t);
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (!cancelled.compareAndSet(false, true)) return; // after cancel or a terminal signal: a no-op (§3.6)
                leave();
                downstream.onError(new IllegalArgumentException("request(" + n + "): demand must be positive (§3.9)"));
                return;
            }
            Flow.Subscription s;
            synchronized (this) {
                requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
                s = upstream;
            }
            if (s != null) s.request(n);
        }

        @Override
        public void cancel() {
            if (cancelled.compareAndSet(false, true)) leave();
        }

        /** The subscriber left: nothing more is scheduled, and a permit not yet settled is given back. */
        private void leave() {
            WaitingCalls.remove(this);
            TimeSource.Cancellable r = pendingRetry;
            if (r != null) r.cancel();
            disarmTimeout();
            if (settle(live.get())) giveBack(); // left before the first element: the trial slot must not stay taken
            cancelUpstream();
        }
    }
}
