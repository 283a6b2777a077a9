package dev.llmretry.exec;

import dev.llmretry.event.StreamIncomplete;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The streaming shell for {@link Flow.Publisher} results. Each subscriber gets its own call: attempts subscribe to
 * the method's publisher; until the first {@code onNext} an error is a failed attempt (retried after a scheduled
 * wait, or failed over, by the shared decision core); after it, errors pass to the subscriber unchanged, are recorded
 * against the endpoint and raise {@link StreamIncomplete}. {@code attempt-timeout} bounds each attempt's time to its
 * first element. Demand requested before an attempt's subscription
 * arrives is carried over to it. Follows the Reactive Streams rules for signals to the downstream subscriber.
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

    private final class Subscription implements Flow.Subscription {
        private final Flow.Subscriber<? super Object> downstream;
        private long requested; // total demand from downstream; guarded by this
        private Flow.Subscription upstream; // guarded by this
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final long start = plan.start();
        private Object firstPermit;
        private CallState call;
        private volatile TimeSource.Cancellable pendingRetry;
        private volatile boolean committed;
        private volatile int generation;
        private volatile TimeSource.Cancellable pendingTimeout;
        private long delivered;

        Subscription(Flow.Subscriber<? super Object> downstream) {
            this.downstream = downstream;
        }

        void begin() {
            downstream.onSubscribe(this);
            try {
                firstPermit = plan.enter();
            } catch (Throwable t) {
                downstream.onError(t);
                return;
            }
            run();
        }

        private Target target() {
            return call == null ? Target.of(firstPermit) : call.target();
        }

        private void run() {
            if (cancelled.get()) { // cancelled after the permit for this attempt was taken
                if (call == null) plan.abandon(firstPermit);
                else call.abandon();
                return;
            }
            Flow.Publisher<?> source;
            try {
                if (call == null) plan.inject(firstPermit);
                else call.inject();
                Object result = attempt.invoke(call == null ? plan.endpoint(firstPermit) : call.endpoint());
                if (result == null) throw new NullPointerException(plan.methodId + " returned a null Publisher");
                source = (Flow.Publisher<?>) result;
            } catch (Throwable t) {
                failedBeforeFirst(t);
                return;
            }
            int attemptNo = ++generation;
            armTimeout(attemptNo);
            source.subscribe(new AttemptSubscriber(attemptNo));
        }

        /** {@code attempt-timeout} bounds the time to the first element of each attempt. */
        private void armTimeout(int attemptNo) {
            long nanos = plan.attemptTimeoutNanos();
            if (nanos == 0) return;
            pendingTimeout = plan.time.schedule(() -> {
                if (attemptNo != generation || committed) return;
                generation++; // late signals from the timed-out attempt are ignored from now on
                Flow.Subscription s;
                synchronized (this) {
                    s = upstream;
                }
                if (s != null) s.cancel();
                failedBeforeFirst(new AttemptTimeoutException(plan.methodId, plan.retry.attemptTimeout()));
            }, nanos);
        }

        private void disarmTimeout() {
            TimeSource.Cancellable t = pendingTimeout;
            if (t != null) t.cancel();
        }

        private void commit() {
            if (committed) return;
            committed = true;
            disarmTimeout();
            if (call == null) plan.succeeded(firstPermit, start);
            else call.succeeded();
        }

        /** Receives one attempt's signals; those of an attempt that timed out are dropped. */
        private final class AttemptSubscriber implements Flow.Subscriber<Object> {
            private final int attemptNo;

            AttemptSubscriber(int attemptNo) {
                this.attemptNo = attemptNo;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                if (cancelled.get() || attemptNo != generation) {
                    s.cancel();
                    return;
                }
                long n;
                synchronized (Subscription.this) {
                    upstream = s;
                    n = requested; // nothing was delivered yet: a new attempt owes the whole demand
                }
                if (n > 0) s.request(n);
            }

            @Override
            public void onNext(Object item) {
                if (attemptNo != generation) return;
                commit();
                delivered++;
                downstream.onNext(item);
            }

            @Override
            public void onError(Throwable t) {
                if (attemptNo != generation) return;
                if (!committed) {
                    disarmTimeout();
                    failedBeforeFirst(t);
                    return;
                }
                String summary = plan.runtime.redactor().summary(t);
                target().failedLate(plan.time.nanoTime(), summary, plan.time.now());
                plan.runtime.listeners().emit(new StreamIncomplete(call == null ? plan.runtime.nextCallId()
                        : call.callId(), plan.methodId, plan.time.now(), target().name, delivered, t, summary));
                downstream.onError(t);
            }

            @Override
            public void onComplete() {
                if (attemptNo != generation) return;
                commit();
                downstream.onComplete();
            }
        }

        private void failedBeforeFirst(Throwable failure) {
            synchronized (this) {
                upstream = null;
            }
            try {
                if (call == null) call = plan.failed(firstPermit, start, failure);
                else call.failed(failure);
            } catch (Throwable terminal) {
                downstream.onError(terminal);
                return;
            }
            long delay = call.delayNanos();
            if (delay > 0) pendingRetry = plan.time.schedule(this::next, delay);
            else next();
        }

        private void next() {
            if (cancelled.get()) {
                call.abandon(); // a failover may already hold the next endpoint's permit
                return;
            }
            try {
                call.acquireNext();
            } catch (Throwable terminal) {
                downstream.onError(terminal);
                return;
            }
            run();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
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
            if (!cancelled.compareAndSet(false, true)) return;
            TimeSource.Cancellable r = pendingRetry;
            if (r != null) r.cancel();
            disarmTimeout();
            Flow.Subscription s;
            synchronized (this) {
                s = upstream;
            }
            if (s != null) s.cancel();
        }
    }
}
