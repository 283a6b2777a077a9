package dev.llmretry.exec;

import java.util.concurrent.TimeoutException;

/**
 * An attempt ran past the policy's {@code attempt-timeout}. Classified as RETRY ({@code "timeout"}): the next attempt
 * may well be faster, or go to another endpoint.
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
}
