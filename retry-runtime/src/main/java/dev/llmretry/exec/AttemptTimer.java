package dev.llmretry.exec;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code attempt-timeout} of a blocking attempt: when it expires, the calling thread is interrupted, so a body
 * blocked in I/O or a wait gives up; the attempt then ends as an {@link AttemptTimeoutException} (RETRY) and the
 * interrupt the timer caused is cleared. Exists only for policies that set {@code attempt-timeout}.
 *
 * <pre>{@code
 * AttemptTimer timer = plan.armTimer();          // null unless attempt-timeout is set
 * try { result = body(); } catch (Throwable t) { failure = plan.timedOut(timer, t); }
 * plan.disarm(timer);
 * }</pre>
 */
public final class AttemptTimer implements Runnable {
    private static final int ARMED = 0, DISARMED = 1, FIRING = 2, FIRED = 3;

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

    /** Stops the timer; returns true if it had already fired (its interrupt is then cleared from the thread). */
    boolean disarm() {
        if (state.compareAndSet(ARMED, DISARMED)) {
            task.cancel();
            return false;
        }
        while (state.get() == FIRING) Thread.onSpinWait();
        Thread.interrupted();
        return true;
    }
}
