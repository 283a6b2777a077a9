package dev.llmretry.exec;

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
 * WaitingCalls.add(this);
 * pendingRetry = time.schedule(() -> { if (WaitingCalls.remove(this)) next(); }, delay);
 * }</pre>
 */
final class WaitingCalls {
    /** A call that can be ended because the library shut down while it waited. */
    interface Waiting {
        /** Ends the call with its last failure, {@code shutdown} attached; called at most once. */
        void shutDown(RejectedExecutionException shutdown);
    }

    private static final Set<Waiting> WAITING = ConcurrentHashMap.newKeySet();

    private WaitingCalls() {
    }

    static void add(Waiting call) {
        WAITING.add(call);
    }

    /** Takes {@code call} out; true if it was still waiting (the caller now owns its next step). */
    static boolean remove(Waiting call) {
        return WAITING.remove(call);
    }

    /** Ends every waiting call (at shutdown): each one's future or subscriber gets its last failure. */
    static void shutDownAll() {
        for (Waiting call : WAITING.toArray(new Waiting[0])) {
            if (remove(call)) {
                call.shutDown(new RejectedExecutionException("llm-retry was shut down (LlmResilience.shutdown()) "
                        + "while the call waited for its next attempt"));
            }
        }
    }

    /** How many calls are waiting (for tests). */
    static int size() {
        return WAITING.size();
    }
}
