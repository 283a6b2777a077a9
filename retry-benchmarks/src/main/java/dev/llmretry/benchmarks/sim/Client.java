package dev.llmretry.benchmarks.sim;

import java.util.concurrent.CompletableFuture;

/**
 * One way of making a user's call: completes when the user gets an answer or an error (in virtual time). Closed when
 * the run ends, so a client that put state in force (llm-retry's runtime) takes it away again.
 */
@FunctionalInterface
public interface Client extends AutoCloseable {
    /** Starts user call number {@code user}. */
    CompletableFuture<?> call(int user);

    /** Ends the run; nothing to undo by default. */
    @Override
    default void close() {
    }
}
