package dev.llmretry.internal.classify;

import static dev.llmretry.internal.classify.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterParserTest {

    private static Function<String, String> headers(String... pairs) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
        return map::get;
    }

    private static Duration parse(Function<String, String> headers, String body, boolean rateLimited) {
        return RetryAfterParser.parse(headers, body, NOW, rateLimited);
    }

    @Test
    void retryAfterMs_parse_winsOverRetryAfterAndKeepsFractions() {
        assertEquals(Duration.ofNanos(1_500_500_000),
                parse(headers("retry-after-ms", "1500.5", "x-ms-retry-after-ms", "9000", "retry-after", "30"), null, true));
    }

    @Test
    void azureRetryAfterMs_parse_usedWhenRetryAfterMsAbsent() {
        assertEquals(Duration.ofMillis(9000), parse(headers("x-ms-retry-after-ms", "9000", "retry-after", "30"), null, false));
    }

    @Test
    void invalidRetryAfterMs_parse_fallsBackToRetryAfter() {
        assertEquals(Duration.ofSeconds(30), parse(headers("retry-after-ms", "soon", "retry-after", "30"), null, false));
    }

    @Test
    void retryAfterFractionalSeconds_parse_keepsFraction() {
        assertEquals(Duration.ofMillis(2500), parse(headers("Retry-After", "2.5"), null, false));
    }

    @Test
    void retryAfterHttpDate_parse_isRelativeToWallClock() {
        assertEquals(Duration.ofSeconds(90), parse(headers("retry-after", "Sun, 22 Nov 2026 12:01:30 GMT"), null, false));
    }

    @Test
    void retryAfterHttpDateInThePast_parse_isZero() {
        assertEquals(Duration.ZERO, parse(headers("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"), null, false));
    }

    @Test
    void retryAfterFarFuture_parse_isCappedAtOneDay() {
        assertEquals(RetryAfterParser.MAX, parse(headers("retry-after", "Fri, 31 Dec 9999 23:59:59 GMT"), null, false));
        assertEquals(RetryAfterParser.MAX, parse(headers("retry-after", "999999999999999"), null, false));
        assertEquals(RetryAfterParser.MAX, parse(headers("retry-after-ms", "99999999999999.99"), null, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "NaN", "Infinity", "-Infinity", "1e3", "0x10", "1.5d", "2 seconds", "", " ", "+5",
            "1,5", "Tue, 99 Foo 2026 99:99:99 GMT", "\u0661\u0662", "1.2.3", "..",
            "9999999999999999999999999999999999999999999999999999999999999999999999"})
    void garbageRetryAfter_parse_isIgnored(String value) {
        assertNull(parse(headers("retry-after", value, "retry-after-ms", value), null, false));
    }

    @Test
    void openAiResetHeaders_parse_usesTheExhaustedLimit() {
        Function<String, String> h = headers("x-ratelimit-reset-requests", "1s", "x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-tokens", "6m0s", "x-ratelimit-remaining-tokens", "149000");

        assertEquals(Duration.ofSeconds(1), parse(h, null, true));
    }

    @Test
    void openAiResetHeadersWithoutRemaining_parse_takesTheLongest() {
        Function<String, String> h = headers("x-ratelimit-reset-requests", "12ms", "x-ratelimit-reset-tokens", "1m30.5s");

        assertEquals(Duration.ofMillis(90_500), parse(h, null, true));
    }

    @ParameterizedTest
    @CsvSource({"6m0s, 360000", "1s, 1000", "12ms, 12", "1m30.5s, 90500", "1h0m0s, 3600000", "250us, 0",
            "0, 0", "0s, 0", ".5s, 500", "2h45m, 9900000"})
    void goDuration_parse_isExact(String value, long millis) {
        assertEquals(millis, RetryAfterParser.parseHeaderValue("x-ratelimit-reset-tokens", value, NOW).toMillis());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1s", "1", "1x", "s", "1s2", "1..5s", "1m-3s", "1e3s", "∞s", "NaNs"})
    void garbageGoDuration_parse_isNull(String value) {
        assertNull(RetryAfterParser.parseHeaderValue("x-ratelimit-reset-requests", value, NOW));
    }

    @Test
    void hugeGoDuration_parse_isCapped() {
        assertEquals(RetryAfterParser.MAX,
                RetryAfterParser.parseHeaderValue("x-ratelimit-reset-tokens", "9".repeat(15) + "h" + "9".repeat(15) + "h", NOW));
    }

    @Test
    void anthropicResetInstants_parse_takeTheLongestRelativeToWallClock() {
        Function<String, String> h = headers("anthropic-ratelimit-requests-reset", "2026-11-22T12:00:20Z",
                "anthropic-ratelimit-tokens-reset", "2026-11-22T12:00:45Z",
                "anthropic-ratelimit-input-tokens-reset", "2026-11-22T13:00:05+01:00");

        assertEquals(Duration.ofSeconds(45), parse(h, null, true));
    }

    @Test
    void anthropicResetInPastOrGarbage_parse_isZeroOrIgnored() {
        assertEquals(Duration.ZERO, parse(headers("anthropic-ratelimit-requests-reset", "2020-01-01T00:00:00Z"), null, true));
        assertNull(parse(headers("anthropic-ratelimit-requests-reset", "tomorrow"), null, true));
    }

    @Test
    void resetHeadersAndBody_parse_ignoredWhenNotRateLimited() {
        Function<String, String> h = headers("x-ratelimit-reset-tokens", "6m0s");

        assertNull(parse(h, "{\"retryDelay\": \"22s\"}", false));
    }

    @Test
    void retryAfter_parse_winsOverResetHeaders() {
        assertEquals(Duration.ofSeconds(2), parse(headers("retry-after", "2", "x-ratelimit-reset-tokens", "6m0s"), null, true));
    }

    @Test
    void geminiRetryInfo_parse_readsRetryDelay() {
        String body = "{\"error\":{\"code\":429,\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\": \"22s\"}]}, \"message\": \"Please retry in 10.68s.\"}";

        assertEquals(Duration.ofSeconds(22), parse(headers(), body, true));
    }

    @Test
    void geminiMessage_parse_readsPleaseRetryIn() {
        assertEquals(Duration.ofMillis(10_680), parse(headers(), "429 RESOURCE_EXHAUSTED. Please retry in 10.68s.", true));
    }

    @Test
    void azureMessage_parse_readsRetryAfterSeconds() {
        assertEquals(Duration.ofSeconds(37), parse(headers(), "Please retry after 37 seconds.", true));
    }

    @Test
    void bodyWithoutHint_parse_isNull() {
        assertNull(parse(headers(), "Rate limit reached. Retry later.", true));
        assertNull(parse(headers(), null, true));
    }

    @Test
    void unknownHeaderName_parseHeaderValue_isNull() {
        assertNull(RetryAfterParser.parseHeaderValue("x-request-id", "5", NOW));
        assertNull(RetryAfterParser.parseHeaderValue(null, "5", NOW));
    }
}
