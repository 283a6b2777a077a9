package dev.llmretry.internal.exec;

import dev.llmretry.annotation.Jitter;
import dev.llmretry.annotation.LlmCircuitBreaker;
import dev.llmretry.annotation.LlmRetry;
import dev.llmretry.internal.config.SettingsPatch;

/**
 * Turns the attributes a user set on an annotation into the same {@link SettingsPatch} retry.yaml produces, so both
 * go through one validation path with the same messages (naming the attributes: {@code maxAttempts was 0, ...}), as
 * the annotation processor's do. Unset attributes are left out.
 */
final class AnnotationPatches {
    private AnnotationPatches() {
    }

    static SettingsPatch retry(LlmRetry a, String methodId) {
        var p = SettingsPatch.retryAttributes("@LlmRetry on " + methodId);
        if (a.maxAttempts() != LlmRetry.UNSET) p.put("max-attempts", a.maxAttempts());
        if (!a.initialBackoff().isEmpty()) p.put("initial-backoff", a.initialBackoff());
        if (!a.maxBackoff().isEmpty()) p.put("max-backoff", a.maxBackoff());
        if (!Double.isNaN(a.multiplier())) p.put("multiplier", a.multiplier());
        if (a.jitter() != Jitter.POLICY) p.put("jitter", a.jitter());
        if (!a.maxDuration().isEmpty()) p.put("max-duration", a.maxDuration());
        if (!a.maxRetryAfter().isEmpty()) p.put("max-retry-after", a.maxRetryAfter());
        if (!a.attemptTimeout().isEmpty()) p.put("attempt-timeout", a.attemptTimeout());
        return p.build();
    }

    static SettingsPatch breaker(LlmCircuitBreaker a, String methodId) {
        var p = SettingsPatch.breakerAttributes("@LlmCircuitBreaker on " + methodId);
        if (a.failureThreshold() != LlmCircuitBreaker.UNSET) p.put("failure-threshold", a.failureThreshold());
        if (!a.recoveryTime().isEmpty()) p.put("recovery-time", a.recoveryTime());
        if (a.successThreshold() != LlmCircuitBreaker.UNSET) p.put("success-threshold", a.successThreshold());
        if (a.halfOpenMaxCalls() != LlmCircuitBreaker.UNSET) p.put("half-open-max-calls", a.halfOpenMaxCalls());
        return p.build();
    }
}
