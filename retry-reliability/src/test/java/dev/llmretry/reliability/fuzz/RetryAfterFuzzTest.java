package dev.llmretry.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.llmretry.internal.classify.RetryAfterParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fuzzes Retry-After and rate-limit header parsing: whatever the headers, body and clock, the wait is absent or
 * between zero and {@link RetryAfterParser#MAX}, and parsing never throws. An input is text, one field per line:
 * {@code now (epoch seconds)}, {@code rate-limited (true/false)}, then {@code name: value} header lines, an empty
 * line, and the body. Seeds: {@code RetryAfterFuzzTestInputs/anyHeaders_waitIsBounded/}.
 */
class RetryAfterFuzzTest {
    static final String[] NAMES = {"retry-after", "retry-after-ms", "x-ms-retry-after-ms", "x-ratelimit-reset-requests",
            "x-ratelimit-reset-tokens", "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens",
            "anthropic-ratelimit-requests-reset", "anthropic-ratelimit-tokens-reset", "anthropic-ratelimit-requests-remaining"};

    @FuzzTest(maxDuration = "5s") // the build's fuzzing smoke run (execution fuzz-smoke in the pom) fuzzes this one
    void anyHeaders_waitIsBounded(byte[] input) {
        FuzzRequest r = FuzzRequest.of(new String(input, StandardCharsets.UTF_8));
        assertBounded(RetryAfterParser.parse(r.headers::get, r.body, r.now, r.rateLimited), r);
        for (String name : NAMES) {
            String value = r.headers.get(name);
            if (value != null) assertBounded(RetryAfterParser.parseHeaderValue(name, value, r.now), r);
        }
        assertBounded(RetryAfterParser.parseBody(r.body), r);
    }

    private static void assertBounded(Duration d, FuzzRequest r) {
        if (d == null) return;
        assertFalse(d.isNegative(), () -> "negative wait " + d + " for " + r);
        assertTrue(d.compareTo(RetryAfterParser.MAX) <= 0, () -> "unbounded wait " + d + " for " + r);
    }

    /** One decoded input. */
    record FuzzRequest(Instant now, boolean rateLimited, Map<String, String> headers, String body) {
        static FuzzRequest of(String text) {
            String[] lines = text.split("\n", -1);
            Instant now = Instant.ofEpochSecond(1_767_225_600L); // 2026-01-01
            if (lines.length > 0) {
                try {
                    now = Instant.ofEpochSecond(Long.parseLong(lines[0].trim()));
                } catch (RuntimeException ignored) {
                    // not a number or out of Instant's range: keep the default clock
                }
            }
            boolean rateLimited = lines.length < 2 || !lines[1].trim().equals("false");
            Map<String, String> headers = new HashMap<>();
            int i = 2;
            for (; i < lines.length && !lines[i].isEmpty(); i++) {
                int colon = lines[i].indexOf(':');
                String name = colon < 0 ? lines[i] : lines[i].substring(0, colon);
                String value = colon < 0 ? "" : lines[i].substring(colon + 1).trim();
                String key = name.trim().toLowerCase(Locale.ROOT);
                if (key.length() == 1 && key.charAt(0) >= '0' && key.charAt(0) <= '9') key = NAMES[key.charAt(0) - '0']; // short names (ASCII digits only)
                headers.put(key, value);
            }
            String body = i + 1 < lines.length ? String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length)) : "";
            return new FuzzRequest(now, rateLimited, headers, body);
        }
    }
}
