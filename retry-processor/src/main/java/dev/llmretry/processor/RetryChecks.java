package dev.llmretry.processor;

import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.internal.config.SettingsPatch;
import java.time.Duration;

/**
 * The attribute checks of one {@code @LlmRetry}: attempts, durations, backoff order, multiplier. Ranges are decided
 * by the runtime's own {@link SettingsPatch}, so the compiler accepts exactly what the runtime accepts; the
 * {@code retryOn}/{@code abortOn} rules are the runtime's too ({@link DeclarationChecks}).
 */
final class RetryChecks {
    /** More attempts than this is legal but almost always a typo or a load amplifier. */
    static final int MANY_ATTEMPTS = 20;

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
            diagnostics.report(Check.BACKOFF_ORDER, site, "initialBackoff", "@LlmRetry initialBackoff (" + site.stringValue("initialBackoff")
                    + ") must not be longer than maxBackoff (" + site.stringValue("maxBackoff") + "). Lower initialBackoff or "
                    + "raise maxBackoff.");
        }
        if (initial != null && deadline != null && deadline.compareTo(initial) < 0) {
            diagnostics.report(Check.DEADLINE_BEFORE_BACKOFF, site, "maxDuration", "@LlmRetry maxDuration ("
                    + site.stringValue("maxDuration") + ") is shorter than initialBackoff (" + site.stringValue("initialBackoff")
                    + "), so the deadline passes before the first retry and the call is never retried. Raise maxDuration or "
                    + "lower initialBackoff.");
        }
        multiplier(site);
    }

    private Duration duration(Site site, String attribute, String yamlKey) {
        return DurationAttributes.check(diagnostics, site, attribute, SettingsPatch.retry(site.where(), ""), yamlKey);
    }

    private void maxAttempts(Site site) {
        Integer attempts = site.intValue("maxAttempts");
        if (attempts == null) return;
        if (!accepts(SettingsPatch.retry(site.where(), ""), "max-attempts", attempts)) {
            diagnostics.report(Check.MAX_ATTEMPTS, site, "maxAttempts", "@LlmRetry maxAttempts must be >= 1 but was "
                    + attempts + ". Use maxAttempts = 1 for a single attempt, or remove it to use the policy's value.");
        } else if (attempts > MANY_ATTEMPTS) {
            diagnostics.report(Check.MANY_ATTEMPTS, site, "maxAttempts", "@LlmRetry maxAttempts = " + attempts
                    + " is more than " + MANY_ATTEMPTS + ": a failing LLM endpoint gets that many requests per user call. "
                    + "Bound the call with maxDuration and keep maxAttempts small (2 to 6).");
        }
    }

    private void multiplier(Site site) {
        Double multiplier = site.doubleValue("multiplier");
        if (multiplier == null) return;
        if (!accepts(SettingsPatch.retry(site.where(), ""), "multiplier", multiplier)) {
            diagnostics.report(Check.MULTIPLIER, site, "multiplier", "@LlmRetry multiplier must be a number >= 1 but was "
                    + multiplier + ". Use 1.0 for a constant backoff or 2.0 to double it, or remove it to use the policy's value.");
        }
    }

    /** Whether the runtime accepts the value for the key: the range is decided by {@link SettingsPatch}, not here. */
    static boolean accepts(SettingsPatch.Builder patch, String yamlKey, Object value) {
        try {
            patch.put(yamlKey, value);
            return true;
        } catch (LlmRetryConfigException e) {
            return false;
        }
    }
}
