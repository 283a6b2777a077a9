/**
 * Circuit breakers: one {@link dev.llmretry.internal.breaker.CircuitBreaker} per endpoint, shared name or method, whose
 * state is one small immutable-identity object per state (closed, open, half-open) swapped atomically at a single
 * transition point.
 */
package dev.llmretry.internal.breaker;
