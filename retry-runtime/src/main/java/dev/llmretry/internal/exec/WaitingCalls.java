package dev.llmretry.internal.exec;

import dev.llmretry.time.TimeSource;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * Async calls and publishers waiting on the scheduler for their next attempt. {@code LlmResilience.shutdown()} drops
 * the scheduler's pending tasks; without this registry their futures would never complete. Whoever takes a call out
 * first (its retry task, a cancel, or the shutdown) decides what happens to it. Touched only on the failure path.
 * Thread-safe.
 *
 * <pre>{@code
 * pendingRetry = WaitingCalls.afterDelay(plan.time, this, call.delayNanos(), this::next);
 * }</pre>
 */
final class WaitingCalls {
    /** A call that can be ended because the library shut down while it waited. */
    interface Waiting {
        /** The call's decision core, which knows its failures so far. */
        CallState state();

        /** Ends the call (its future or subscriber) with {@code lastFailure}; called at most once. */
        void end(Throwable lastFailure);
    }

    private static final Set<Waiting> WAITING = ConcurrentHashMap.newKeySet();

    private WaitingCalls() {
    }

    /**
     * Runs {@code next} after {@code delayNanos} on {@code time}'s scheduler, registered as waiting meanwhile, or at
     * once (returning {@code null}) when there is no wait.
     */
    static TimeSource.Cancellable afterDelay(TimeSource time, Waiting call, long delayNanos, Runnable next) {
        if (delayNanos <= 0) {
            next.run();
            return null;
        }
        WAITING.add(call);
        return time.schedule(() -> {
            if (remove(call)) next.run();
        }, delayNanos);
    }

    /** Takes {@code call} out; true if it was still waiting (the caller now owns its next step). */
    static boolean remove(Waiting call) {
        return WAITING.remove(call);
    }

    /** Ends every waiting call (at shutdown): each one's future or subscriber gets its last failure. */
    static void shutDownAll() {
        for (Waiting call : WAITING.toArray(new Waiting[0])) {
            if (!remove(call)) continue;
            RejectedExecutionException shutdown = new RejectedExecutionException("llm-retry was shut down "
                    + "(LlmResilience.shutdown()) while the call waited for its next attempt");
            try {
                throw call.state().exhausted("shutdown", shutdown); // emits CallExhausted, attaches earlier failures
            } catch (Throwable last) {
                call.end(last);
            }
        }
    }

    /** How many calls are waiting (for tests). */
    static int size() {
        return WAITING.size();
    }
}
