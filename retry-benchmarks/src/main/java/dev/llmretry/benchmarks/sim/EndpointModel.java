package dev.llmretry.benchmarks.sim;

import dev.llmretry.LlmHttpException;
import java.util.List;
import java.util.Map;

/**
 * How one simulated endpoint answers a request at a virtual instant: {@code null} for a success, or the failure it
 * returns. Models are stateful (random streams, token buckets) and used by one simulation run only.
 */
public interface EndpointModel {
    /** The failure the request sent at {@code nowNanos} gets, or {@code null} if it is answered. */
    RuntimeException answer(long nowNanos);

    /** True while the endpoint cannot answer anything (down, out of quota, or in an overload episode). */
    boolean down(long nowNanos);

    /** True while a request sent now is accepted and never answered (the caller's timeout must end it). */
    default boolean hangs(long nowNanos) {
        return false;
    }

    /** A healthy endpoint. */
    static EndpointModel healthy() {
        return new EndpointModel() {
            @Override public RuntimeException answer(long nowNanos) { return null; }
            @Override public boolean down(long nowNanos) { return false; }
        };
    }

    /** 503 Service Unavailable, the overloaded or down answer (RETRY class). */
    static RuntimeException unavailable() {
        return new LlmHttpException(503, Map.of(), "{\"error\":{\"message\":\"overloaded\"}}");
    }

    /** 429 without a quota code: a rate limit (RETRY class). */
    static RuntimeException rateLimited() {
        return new LlmHttpException(429, Map.of(), "{\"error\":{\"message\":\"rate limit reached\",\"code\":\"rate_limit_exceeded\"}}");
    }

    /** 429 insufficient_quota: the account is out of quota (FAILOVER class: never retried on the same endpoint). */
    static RuntimeException quotaExhausted() {
        return new LlmHttpException(429, Map.of("content-type", List.of("application/json")),
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}");
    }
}
