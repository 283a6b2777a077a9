package dev.llmretry.benchmarks.sim;

import java.util.concurrent.CompletableFuture;

/** One way of making a user's call: completes when the user gets an answer or an error (in virtual time). */
@FunctionalInterface
public interface Client {
    /** Starts user call number {@code user}. */
    CompletableFuture<?> call(int user);
}
