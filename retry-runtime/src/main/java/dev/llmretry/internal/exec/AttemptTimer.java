package dev.llmretry.internal.exec;

import dev.llmretry.AttemptTimeoutException;
import dev.llmretry.time.TimeSource;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The {@code attempt-timeout} of a blocking attempt: when it expires, the calling thread is interrupted, so a body
 * blocked in I/O or a wait gives up; the attempt then ends as an {@link AttemptTimeoutException} (RETRY) and the
 * interrupt the timer caused is cleared. A body that returns after its timer fired (a client that ignores interrupts)
 * has its result discarded: the attempt failed. Exists only for policies that set {@code attempt-timeout}; the
 * call's {@code max-duration} is watched by {@link CallWatch}. {@link #ended} and {@link #failed} settle an attempt
 * against both.
 *
 * <pre>{@code
 * AttemptTimer timer = plan.armTimer();          // null unless attempt-timeout is set
 * try { result = body(); AttemptTimer.ended(plan, timer, watch, result); }
 * catch (Throwable t) { failure = AttemptTimer.failed(plan, timer, watch, t); }
 * }</pre>
 */
public final class AttemptTimer implements Runnable {
    private static final int ARMED = 0, DISARMED = 1, FIRING = 2, FIRED = 3, CONSUMED = 4;

    private final Thread thread = Thread.currentThread();
    private final AtomicInteger state = new AtomicInteger(ARMED);
    private final TimeSource.Cancellable task;

    AttemptTimer(TimeSource time, long nanos) {
        this.task = time.schedule(this, nanos);
    }

    @Override
    public void run() {
        if (state.compareAndSet(ARMED, FIRING)) {
            thread.interrupt();
            state.set(FIRED);
        }
    }

    /**
     * Stops the timer; returns true if it had already fired (its interrupt is then cleared from the thread, once).
     * Idempotent: a second call gives the same answer and clears nothing.
     */
    boolean disarm() {
        if (state.compareAndSet(ARMED, DISARMED)) {
            task.cancel();
            return false;
        }
        int s;
        while ((s = state.get()) == FIRING) Thread.onSpinWait();
        if (s == FIRED && state.compareAndSet(FIRED, CONSUMED)) Thread.interrupted();
        return s != DISARMED;
    }

    /**
     * The body returned {@code result}. If the attempt-timeout or the call's deadline fired meanwhile, the result is
     * late: it is closed if it can be, and the attempt fails with an {@link AttemptTimeoutException} (thrown).
     */
    public static void ended(MethodPlan plan, AttemptTimer timer, AtomicLongArray watch, Object result) {
        boolean late = timer != null && timer.disarm();
        boolean deadline = CallWatch.consume(watch);
        if (!late && !deadline) return;
        AttemptTimeoutException e = deadline ? AttemptTimeoutException.deadline(plan.methodId, plan.retry.maxDuration())
                : new AttemptTimeoutException(plan.methodId, plan.retry.attemptTimeout());
        if (result instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
        }
        throw Sneaky.rethrow(e);
    }

    /** The failure to report for an attempt: an {@link AttemptTimeoutException} if its timer or the deadline fired. */
    public static Throwable failed(MethodPlan plan, AttemptTimer timer, AtomicLongArray watch, Throwable failure) {
        boolean late = timer != null && timer.disarm();
        boolean deadline = CallWatch.consume(watch);
        if ((!late && !deadline) || failure instanceof AttemptTimeoutException) return failure;
        AttemptTimeoutException e = deadline ? AttemptTimeoutException.deadline(plan.methodId, plan.retry.maxDuration())
                : new AttemptTimeoutException(plan.methodId, plan.retry.attemptTimeout());
        e.initCause(failure);
        return e;
    }

    /**
     * The wait before the next attempt ({@link CallState#awaitNext}). An interrupt there from the deadline watchdog
     * (a wait that overran the deadline by a hair) ends the call as a timeout, not as an InterruptedException the
     * caller never caused.
     */
    public static void awaitNext(MethodPlan plan, CallState call, AtomicLongArray watch) {
        try {
            call.awaitNext();
        } catch (Throwable t) {
            if (!CallWatch.consume(watch)) throw Sneaky.rethrow(t);
            AttemptTimeoutException e = AttemptTimeoutException.deadline(plan.methodId, plan.retry.maxDuration());
            e.initCause(t);
            throw Sneaky.rethrow(e);
        }
    }
}
