/**
 * Circuit breakers: one {@link dev.llmretry.breaker.CircuitBreaker} per endpoint, shared name or method, whose
 * state is one small immutable-identity object per state (closed, open, half-open) swapped atomically at a single
 * transition point.
 */
package dev.llmretry.breaker;
