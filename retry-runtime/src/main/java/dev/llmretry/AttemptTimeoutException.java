package dev.llmretry;

import dev.llmretry.internal.exec.Attempt;

import java.util.concurrent.TimeoutException;

/**
 * An attempt ran past the policy's {@code attempt-timeout}, or past the call's {@code max-duration}. Classified as
 * RETRY ({@code "timeout"}): the next attempt may well be faster, or go to another endpoint (after a
 * {@code max-duration} the call ends there).
 *
 * <pre>{@code
 * catch (AttemptTimeoutException e) { log.warn("LLM too slow: {}", e.getMessage()); }
 * }</pre>
 */
public class AttemptTimeoutException extends TimeoutException {
    private static final long serialVersionUID = 1L;

    public AttemptTimeoutException(String method, java.time.Duration limit) {
        super("Attempt exceeded attempt-timeout " + limit.toMillis() + "ms (" + method + ")");
    }

    private AttemptTimeoutException(String message) {
        super(message);
    }

    /** The call's {@code max-duration} passed while an attempt was still running: the call ends. */
    public static AttemptTimeoutException deadline(String method, java.time.Duration maxDuration) {
        return new AttemptTimeoutException("Call exceeded max-duration " + maxDuration.toMillis()
                + "ms while an attempt was running (" + method + ")");
    }
}
