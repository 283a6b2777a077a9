package dev.llmretry.testing;

import dev.llmretry.LlmHttpException;
import java.lang.reflect.Constructor;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The failures faults throw, shaped like real provider responses so the classifier treats them as real. */
final class FaultErrors {
    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    private FaultErrors() {
    }

    static LlmHttpException status(int status) {
        return new LlmHttpException(status, headers(), StatusCatalog.errorBody(status));
    }

    /** 429 with both {@code retry-after} (whole seconds, rounded up) and the exact {@code retry-after-ms}. */
    static LlmHttpException rateLimited(Duration retryAfter) {
        Map<String, List<String>> h = headers();
        long millis = retryAfter.toMillis();
        h.put("retry-after", List.of(Long.toString((millis + 999) / 1000)));
        h.put("retry-after-ms", List.of(Long.toString(millis)));
        h.put("x-ratelimit-remaining-requests", List.of("0"));
        return new LlmHttpException(429, h, StatusCatalog.errorBody(429));
    }

    static LlmHttpException quotaExhausted() {
        return new LlmHttpException(429, headers(), OpenAiBodies.error("You exceeded your current quota, please check "
                + "your plan and billing details.", "insufficient_quota", null, "insufficient_quota"));
    }

    static HttpTimeoutException timeout() {
        return new HttpTimeoutException("request timed out");
    }

    /**
     * The first firing throws {@code original} itself (tests may assert {@code assertSame}); later firings throw a
     * fresh copy when the type has a usable constructor, so suppressed-exception chains never hold one instance twice.
     */
    static Supplier<Throwable> freshCopies(Throwable original) {
        AtomicLong firings = new AtomicLong();
        return () -> firings.getAndIncrement() == 0 ? original : copy(original);
    }

    static Throwable copy(Throwable t) {
        if (t instanceof LlmHttpException e) {
            return new LlmHttpException(e.status(), e.headers(), e.body(), e.getCause());
        }
        Class<? extends Throwable> type = t.getClass();
        try {
            Constructor<? extends Throwable> c = type.getConstructor(String.class, Throwable.class);
            return c.newInstance(t.getMessage(), t.getCause());
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // next shape
        }
        try {
            Throwable copy = type.getConstructor(String.class).newInstance(t.getMessage());
            if (t.getCause() != null && copy.getCause() == null) copy.initCause(t.getCause());
            return copy;
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            return t;
        }
    }

    private static Map<String, List<String>> headers() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("content-type", List.of("application/json"));
        h.put("x-request-id", List.of("req_fault_" + REQUEST_IDS.incrementAndGet()));
        return h;
    }
}
