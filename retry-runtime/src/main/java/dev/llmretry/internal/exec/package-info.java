/**
 * The one call executor. A {@link dev.llmretry.internal.exec.MethodPlan} is resolved once per method; the happy path goes
 * through it without allocating; after the first failure a {@link dev.llmretry.internal.exec.CallState} holds the single
 * "what happens next" logic (classify, record, retry after a backoff, fail over, or give up) that the sync, async and
 * streaming shells share. Time and randomness come from the injected {@link dev.llmretry.time.TimeSource} and
 * {@link dev.llmretry.time.RandomSource}.
 */
package dev.llmretry.internal.exec;
