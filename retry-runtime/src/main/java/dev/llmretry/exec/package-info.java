/**
 * The one call executor. A {@link dev.llmretry.exec.MethodPlan} is resolved once per method; the happy path goes
 * through it without allocating; after the first failure a {@link dev.llmretry.exec.CallState} holds the single
 * "what happens next" logic (classify, record, retry after a backoff, fail over, or give up) that the sync, async and
 * streaming shells share. Time and randomness come from the injected {@link dev.llmretry.exec.TimeSource} and
 * {@link dev.llmretry.exec.RandomSource}.
 */
package dev.llmretry.exec;
