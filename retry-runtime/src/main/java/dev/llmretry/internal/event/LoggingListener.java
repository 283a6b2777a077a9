package dev.llmretry.internal.event;

import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.LlmRetryListener;
import dev.llmretry.event.RetryScheduled;
import dev.llmretry.event.StreamIncomplete;

import dev.llmretry.breaker.CircuitState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default SLF4J output (logger {@code dev.llmretry}): WARN per failed attempt and failover, ERROR when a call
 * gives up, INFO on circuit changes. Text comes from the events, whose summaries already have secrets masked.
 */
final class LoggingListener implements LlmRetryListener {
    private static final Logger LOG = LoggerFactory.getLogger("dev.llmretry");

    @Override
    public void onRetryScheduled(RetryScheduled e) {
        if (LOG.isWarnEnabled()) {
            LOG.warn("Attempt {}/{} failed on {}: {}. Retrying in {} ({}, call {})", e.attempt(), e.maxAttempts(),
                    e.endpoint(), e.causeSummary(), seconds(e.delay().toMillis()), e.method(), e.callId());
        }
    }

    @Override
    public void onFailover(FailedOver e) {
        if (LOG.isWarnEnabled()) {
            LOG.warn("Attempt {} failed on {}: {}. Failing over to {} ({}; {}, call {})", e.attempt(), e.from(),
                    e.causeSummary(), e.to(), e.reason(), e.method(), e.callId());
        }
    }

    @Override
    public void onCircuitStateChange(CircuitStateChanged e) {
        if (e.to() == CircuitState.OPEN) {
            LOG.info("Circuit {} {} -> {}; next probe at {}", e.breaker(), e.from(), e.to(), e.retryAt());
        } else {
            LOG.info("Circuit {} {} -> {}", e.breaker(), e.from(), e.to());
        }
    }

    @Override
    public void onStreamIncomplete(StreamIncomplete e) {
        LOG.warn("Stream from {} failed after {}: {}. Not retried: the consumer already has part of it ({}, call {})",
                e.endpoint(), count(e.elementsDelivered(), "element"), e.causeSummary(), e.method(), e.callId());
    }

    @Override
    public void onExhausted(CallExhausted e) {
        LOG.error("{} failed after {} on {}: {} ({}, call {})", e.method(), count(e.attempts(), "attempt"),
                e.endpointsTried(), e.causeSummary(), e.why(), e.callId());
    }

    /** {@code "1 attempt"}, {@code "3 attempts"}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String seconds(long millis) {
        return millis < 1000 && millis % 100 != 0 ? millis + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
