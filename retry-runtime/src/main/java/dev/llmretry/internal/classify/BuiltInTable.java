package dev.llmretry.internal.classify;

import dev.llmretry.classify.Classification;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The built-in decision table in its evaluation order (research llm-errors.md §9): JVM errors, timeouts,
 * cancellation, HTTP status (with body markers and {@code x-should-retry}), SDK exceptions known by name, network
 * failures, and the fallback for anything else. First match wins.
 */
final class BuiltInTable {
    private BuiltInTable() {}

    static Classification classify(Throwable[] chain, HttpFacts facts) {
        Classification c = JdkTable.error(chain);
        if (c == null) c = JdkTable.timeout(chain);
        if (c == null) c = JdkTable.cancellation(chain);
        if (c == null && facts != null) c = HttpTable.classify(facts);
        if (c == null) c = SdkNames.classify(chain);
        if (c == null) c = JdkTable.network(chain);
        if (c == null) c = JdkTable.fallback(chain);
        return c;
    }

    /**
     * Adds what the HTTP exchange says to a verdict that lacks it: the status, and the wait the server asked for
     * (reset headers and body hints only count for rate limits).
     */
    static Classification complete(Classification c, HttpFacts facts, Supplier<Instant> wallClock) {
        if (facts == null) return c;
        if (c.status() < 0 && facts.status > 0) c = c.withStatus(facts.status);
        if (c.retryAfter() == null) {
            boolean rateLimited = facts.status == 429 || "rate_limited".equals(c.reason());
            Duration wait = RetryAfterParser.parse(facts::header, facts.text(), wallClock.get(), rateLimited);
            if (wait != null) c = c.withRetryAfter(wait);
        }
        return c;
    }
}
