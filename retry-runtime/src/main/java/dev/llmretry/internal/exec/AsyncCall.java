package dev.llmretry.internal.exec;

import dev.llmretry.time.TimeSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The async shell around the decision core: the same {@link MethodPlan}/{@link CallState} logic as a sync call, but
 * each wait is a task on the {@link TimeSource}'s scheduler, so a call waiting for its next attempt holds no thread.
 * Cancelling the returned future cancels the pending retry and the in-flight attempt's future. Failures reach the
 * caller unwrapped (not as {@link CompletionException}). An attempt that never completes is ended by its
 * {@code attempt-timeout} or, at the latest, by the call's {@code max-duration}. Retries run on the time source's
 * worker threads (see {@link TimeSource#schedule}). One instance per call.
 *
 * <pre>{@code
 * CompletableFuture<Object> f = AsyncCall.start(plan, endpoint -> client.chatAsync(endpoint, q));
 * }</pre>
 */
public final class AsyncCall extends CompletableFuture<Object> {
    private final MethodPlan plan;
    private final Attempt attempt;
    private CallState call;
    private long deadline;
    private volatile TimeSource.Cancellable pendingRetry;
    private volatile TimeSource.Cancellable pendingTimeout;
    private volatile CompletableFuture<?> inFlight;
    private volatile WaitingCalls.Waiting waiting;

    private AsyncCall(MethodPlan plan, Attempt attempt) {
        this.plan = plan;
        this.attempt = attempt;
    }

    /** Starts the call; never throws: every failure, even "no endpoint available", completes the future. */
    public static CompletableFuture<Object> start(MethodPlan plan, Attempt attempt) {
        AsyncCall c = new AsyncCall(plan, attempt);
        try {
            c.call = plan.begin();
        } catch (Throwable t) {
            c.completeExceptionally(t);
            return c;
        }
        c.deadline = CallWatch.deadline(plan, c.call.startNanos());
        c.run();
        return c;
    }

    private void run() {
        if (isDone()) { // cancelled after the permit for this attempt was taken
            call.abandon();
            return;
        }
        CompletableFuture<?> f;
        try {
            call.inject();
            Object stage = attempt.invoke(call.endpoint());
            if (stage == null) throw new NullPointerException(plan.methodId + " returned null instead of a CompletionStage");
            f = ((CompletionStage<?>) stage).toCompletableFuture();
        } catch (Throwable t) {
            onFailure(t);
            return;
        }
        inFlight = f;
        armTimeout(f);
        f.whenComplete((value, error) -> {
            disarmTimeout();
            if (error == null) onSuccess(value);
            else onFailure(unwrap(error));
        });
    }

    /** The attempt ends at its attempt-timeout or at the call's deadline (max-duration), whichever comes first. */
    private void armTimeout(CompletableFuture<?> f) {
        long nanos = CallWatch.attemptLimitNanos(plan, deadline);
        if (nanos == 0 || f.isDone()) return;
        pendingTimeout = plan.time.schedule(() -> f.completeExceptionally(CallWatch.expired(plan, deadline)), nanos);
    }

    private void disarmTimeout() {
        TimeSource.Cancellable t = pendingTimeout;
        if (t != null) t.cancel();
    }

    private void onSuccess(Object value) {
        call.succeeded();
        complete(value);
    }

    private void onFailure(Throwable failure) {
        try {
            call.failed(failure);
        } catch (Throwable terminal) {
            completeExceptionally(terminal);
            return;
        }
        if (isDone()) { // cancelled meanwhile: the failure was recorded, nothing more to try
            call.abandon(); // a failover may already hold the next endpoint's permit
            return;
        }
        pendingRetry = WaitingCalls.afterDelay(plan.time, waiting(), call.delayNanos(), this::next);
    }

    /** How {@code shutdown()} ends this call while it waits (created at its first retry, never on the happy path). */
    private WaitingCalls.Waiting waiting() {
        WaitingCalls.Waiting w = waiting;
        if (w == null) {
            w = new WaitingCalls.Waiting() {
                @Override public CallState state() { return call; }

                @Override public void end(Throwable lastFailure) { completeExceptionally(lastFailure); }
            };
            waiting = w;
        }
        return w;
    }

    private void next() {
        if (isDone()) { // cancelled after the failure was handled: a failover may already hold the next permit
            call.abandon();
            return;
        }
        try {
            call.acquireNext();
        } catch (Throwable terminal) {
            completeExceptionally(terminal);
            return;
        }
        run();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        WaitingCalls.Waiting w = waiting;
        if (w != null) WaitingCalls.remove(w);
        TimeSource.Cancellable retry = pendingRetry;
        if (retry != null) retry.cancel();
        disarmTimeout();
        CompletableFuture<?> f = inFlight;
        if (f != null) f.cancel(mayInterruptIfRunning);
        return cancelled;
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
