/**
 * Backoff schedules: the exponential delay and its jitter variants (none, full, equal, decorrelated). Pure functions
 * of the policy, the retry number and an injected random source, so tests can assert exact waits.
 */
package dev.llmretry.internal.retry;
