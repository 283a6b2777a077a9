package dev.llmretry.processor;

import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.internal.config.SettingMessages;
import dev.llmretry.internal.config.SettingsPatch;
import java.time.Duration;

/**
 * The attribute checks of one {@code @LlmRetry}: attempts, durations, backoff order, multiplier. Ranges are decided
 * and worded by the runtime's own {@link SettingsPatch} ({@link SettingMessages}), so the compiler accepts exactly
 * what the runtime accepts and says it in the same sentence; the {@code retryOn}/{@code abortOn} rules are the
 * runtime's too ({@link DeclarationChecks}).
 */
final class RetryChecks {
    /** More attempts than this is legal but almost always a typo or a load amplifier. */
    static final int MANY_ATTEMPTS = 20;
    /** How a compile-time message names the annotation: the diagnostic is attached to it. */
    private static final String SOURCE = "@LlmRetry";

    private final Diagnostics diagnostics;

    RetryChecks(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(Site site) {
        maxAttempts(site);
        Duration initial = duration(site, "initialBackoff", "initial-backoff");
        Duration max = duration(site, "maxBackoff", "max-backoff");
        Duration deadline = duration(site, "maxDuration", "max-duration");
        duration(site, "maxRetryAfter", "max-retry-after");
        duration(site, "attemptTimeout", "attempt-timeout");
        if (initial != null && max != null && initial.compareTo(max) > 0) {
            SettingsPatch both = patch().put("initial-backoff", initial).put("max-backoff", max).build();
            diagnostics.report(Check.BACKOFF_ORDER, site, "maxBackoff", SOURCE + ": "
                    + SettingMessages.backoffOrder(both, initial, max).message());
        }
        if (initial != null && deadline != null && deadline.compareTo(initial) < 0) {
            diagnostics.report(Check.DEADLINE_BEFORE_BACKOFF, site, "maxDuration", SOURCE + ": "
                    + SettingMessages.deadlineBeforeBackoff(SettingsPatch.Naming.ATTRIBUTE, deadline, initial));
        }
        multiplier(site);
    }

    private Duration duration(Site site, String attribute, String yamlKey) {
        return DurationAttributes.check(diagnostics, site, attribute, patch(), yamlKey);
    }

    private static SettingsPatch.Builder patch() {
        return SettingsPatch.retryAttributes(SOURCE);
    }

    private void maxAttempts(Site site) {
        Integer attempts = site.intValue("maxAttempts");
        if (attempts == null) return;
        String refused = refusal(patch(), "max-attempts", attempts);
        if (refused != null) {
            diagnostics.report(Check.MAX_ATTEMPTS, site, "maxAttempts", refused);
        } else if (attempts > MANY_ATTEMPTS) {
            diagnostics.report(Check.MANY_ATTEMPTS, site, "maxAttempts", "@LlmRetry maxAttempts = " + attempts
                    + " is more than " + MANY_ATTEMPTS + ": a failing LLM endpoint gets that many requests per user call. "
                    + "Bound the call with maxDuration and keep maxAttempts small (2 to 6).");
        }
    }

    private void multiplier(Site site) {
        Double multiplier = site.doubleValue("multiplier");
        if (multiplier == null) return;
        String refused = refusal(patch(), "multiplier", multiplier);
        if (refused != null) diagnostics.report(Check.MULTIPLIER, site, "multiplier", refused);
    }

    /**
     * The runtime's sentence refusing the value for the key ({@code "@LlmRetry: maxAttempts was 0, must be >= 1. ..."}),
     * or null when it accepts it: the range and its wording are {@link SettingsPatch}'s, not this processor's.
     */
    static String refusal(SettingsPatch.Builder patch, String yamlKey, Object value) {
        try {
            patch.put(yamlKey, value);
            return null;
        } catch (LlmRetryConfigException e) {
            return e.getMessage();
        }
    }
}
