package dev.llmretry.testing;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * One test at a time owns the process-global llm-retry runtime. With {@code @LlmRetryTest} JUnit's resource lock
 * already serializes the tests and this is never contended; a {@code @RegisterExtension} without the lock waits here
 * instead of corrupting another test's clock. A semaphore, not a lock: set-up and tear-down may run on different
 * threads.
 */
final class RuntimeOwnership {
    private static final Semaphore OWNER = new Semaphore(1, true);
    private static final long PATIENCE_SECONDS = 120;

    private RuntimeOwnership() {
    }

    static void acquire(String test) {
        try {
            if (!OWNER.tryAcquire(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new ExtensionConfigurationException(test + " waited " + PATIENCE_SECONDS + "s for the llm-retry "
                        + "runtime, which another test still holds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtensionConfigurationException(test + " was interrupted waiting for the llm-retry runtime", e);
        }
    }

    static void release() {
        OWNER.release();
    }
}
