package dev.llmretry.internal.classify;

import dev.llmretry.classify.Decision;

import dev.llmretry.classify.Classification;

import static dev.llmretry.internal.classify.Fixtures.anthropicError;
import static dev.llmretry.internal.classify.Fixtures.classify;
import static dev.llmretry.internal.classify.Fixtures.http;
import static dev.llmretry.internal.classify.Fixtures.openAiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmretry.LlmHttpException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP rows of the built-in table, driven through {@link LlmHttpException}. */
class HttpStatusTableTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "400, ABORT, bad_request", "401, FAILOVER, unauthorized", "402, FAILOVER, payment_required",
        "403, FAILOVER, forbidden", "404, FAILOVER, not_found", "405, ABORT, client_error",
        "408, RETRY, timeout", "409, RETRY, conflict", "413, ABORT, payload_too_large",
        "415, ABORT, client_error", "422, ABORT, unprocessable", "425, RETRY, too_early",
        "429, RETRY, rate_limited", "451, ABORT, client_error", "499, RETRY, client_closed",
        "500, RETRY, server_error", "502, RETRY, server_error", "503, RETRY, server_error",
        "504, RETRY, server_error", "520, RETRY, server_error", "529, RETRY, overloaded",
        "302, FAILOVER, unexpected_status", "600, FAILOVER, unexpected_status"})
    void statusWithPlainBody_classify_followsStatusRow(int status, Decision decision, String reason) {
        Classification c = classify(http(status, "plain text error"));

        assertEquals(decision, c.decision());
        assertEquals(reason, c.reason());
        assertEquals(status, c.status());
    }

    @ParameterizedTest(name = "{0} {1} -> quota")
    @CsvSource({
        "429, insufficient_quota, insufficient_quota",
        "429, insufficient_quota, credit_balance_exhausted",
        "429, insufficient_quota, organization_spend_limit_exceeded",
        "429, insufficient_quota, project_spend_limit_exceeded",
        "429, requests, organization_usage_limit_exceeded",
        "403, insufficient_quota, ''"})
    void quotaCodes_classify_failoverQuotaExhausted(int status, String type, String code) {
        Classification c = classify(http(status, openAiError(type, code.isEmpty() ? null : code, "quota")));

        assertEquals(Classification.of(Decision.FAILOVER, "quota_exhausted").withStatus(status), c);
    }

    @Test
    void rateLimit429WithRetryAfter_classify_retryRateLimitedWithWait() {
        Classification c = classify(http(429, openAiError("requests", "rate_limit_exceeded", "Rate limit reached"),
                "Retry-After", "2"));

        assertEquals(Classification.of(Decision.RETRY, "rate_limited").withStatus(429)
                .withRetryAfter(Duration.ofSeconds(2)), c);
    }

    @Test
    void quotaMessageOnly_classify_failoverQuotaExhausted() {
        String body = "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing"
                + " details.\"}}";

        assertEquals("quota_exhausted", classify(http(429, body)).reason());
    }

    @Test
    void anthropicSpendLimit429_classify_failoverQuotaExhausted() {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"limit\","
                + "\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}";

        assertEquals(Decision.FAILOVER, classify(http(429, body)).decision());
    }

    @Test
    void anthropicCreditBalance400_classify_failoverQuotaExhausted() {
        String body = anthropicError("invalid_request_error",
                "Your credit balance is too low to access the Anthropic API.");

        assertEquals("quota_exhausted", classify(http(400, body)).reason());
    }

    @Test
    void geminiPerDayQuota429_classify_failoverQuotaExhausted() {
        String body = "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"violations\":"
                + "[{\"quotaId\":\"GenerateRequestsPerDayPerProjectPerModel-FreeTier\"}]}]}}";

        assertEquals("quota_exhausted", classify(http(429, body)).reason());
    }

    @Test
    void geminiPerMinuteQuota429_classify_retryWithRetryDelay() {
        String body = "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"violations\":"
                + "[{\"quotaId\":\"GenerateRequestsPerMinutePerProjectPerModel\"}]},{\"retryDelay\": \"22s\"}]}}";

        Classification c = classify(http(429, body));

        assertEquals("rate_limited", c.reason());
        assertEquals(Duration.ofSeconds(22), c.retryAfter());
    }

    @Test
    void singleRequestAboveTpm429_classify_failover() {
        String body = openAiError("tokens", "rate_limit_exceeded",
                "Request too large for gpt-4o on tokens per min (TPM): Limit 30000, Requested 45000.");

        assertEquals(Classification.of(Decision.FAILOVER, "request_above_rate_limit").withStatus(429),
                classify(http(429, body)));
    }

    @Test
    void contextLengthCode400_classify_abortContextLength() {
        Classification c = classify(http(400, openAiError("invalid_request_error", "context_length_exceeded", "too long")));

        assertEquals(Classification.of(Decision.ABORT, "context_length").withStatus(400), c);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "This model's maximum context length is 131072 tokens. However, you requested 140000 tokens",
        "prompt is too long: 210000 tokens > 200000 maximum",
        "input length and `max_tokens` exceed context limit: 199759 + 8192 > 200000",
        "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."})
    void contextLengthMessages_classify_abortContextLength(String message) {
        assertEquals("context_length", classify(http(400, openAiError("invalid_request_error", null, message))).reason());
    }

    @Test
    void azureContentFilter400_classify_abortContentPolicy() {
        Classification c = classify(http(400, openAiError(null, "content_filter", "The response was filtered")));

        assertEquals(Classification.of(Decision.ABORT, "content_policy").withStatus(400), c);
    }

    @Test
    void geminiFailedPrecondition400_classify_failover() {
        String body = "{\"error\":{\"code\":400,\"message\":\"User location is not supported\",\"status\":\"FAILED_PRECONDITION\"}}";

        assertEquals("failed_precondition", classify(http(400, body)).reason());
    }

    @Test
    void shouldRetryFalseOn500_classify_failoverInsteadOfRetry() {
        Classification c = classify(http(500, "oops", "x-should-retry", "false"));

        assertEquals(Classification.of(Decision.FAILOVER, "should_not_retry").withStatus(500), c);
    }

    @Test
    void shouldRetryTrueOn400_classify_retry() {
        Classification c = classify(http(400, "oops", "X-Should-Retry", "true"));

        assertEquals(Classification.of(Decision.RETRY, "should_retry").withStatus(400), c);
    }

    @Test
    void shouldRetryTrueOnContextLength_classify_markerStillWins() {
        Classification c = classify(http(400, openAiError(null, "context_length_exceeded", "x"), "x-should-retry", "true"));

        assertEquals("context_length", c.reason());
    }

    @Test
    void serviceUnavailableWithRetryAfter_classify_retryCarriesWait() {
        Classification c = classify(http(503, "busy", "retry-after", "7"));

        assertEquals(Duration.ofSeconds(7), c.retryAfter());
    }

    @Test
    void serverErrorWithRateLimitResetHeaders_classify_ignoresResetHeaders() {
        Classification c = classify(http(500, "oops", "x-ratelimit-reset-tokens", "6m0s"));

        assertNull(c.retryAfter());
    }

    @Test
    void rateLimitWithOnlyResetHeaders_classify_usesResetHeader() {
        Classification c = classify(http(429, openAiError("requests", "rate_limit_exceeded", "slow"),
                "x-ratelimit-reset-requests", "20s", "x-ratelimit-remaining-requests", "0"));

        assertEquals(Duration.ofSeconds(20), c.retryAfter());
    }

    @Test
    void errorEventIn200Stream_classify_usesBodyTypeNotStatus() {
        Classification c = classify(http(200, anthropicError("overloaded_error", "Overloaded")));

        assertEquals(Classification.of(Decision.RETRY, "overloaded").withStatus(200), c);
    }

    @ParameterizedTest(name = "stream error {0} -> {1} {2}")
    @CsvSource({
        "rate_limit_error, RETRY, rate_limited", "api_error, RETRY, server_error", "timeout_error, RETRY, timeout",
        "authentication_error, FAILOVER, unauthorized", "permission_error, FAILOVER, forbidden",
        "not_found_error, FAILOVER, not_found", "billing_error, FAILOVER, payment_required",
        "request_too_large, ABORT, payload_too_large", "invalid_request_error, ABORT, bad_request",
        "something_new, RETRY, stream_error"})
    void errorTypeIn200Stream_classify_followsTypeRow(String type, Decision decision, String reason) {
        Classification c = classify(http(200, anthropicError(type, "x")));

        assertEquals(decision, c.decision());
        assertEquals(reason, c.reason());
    }

    @Test
    void httpExceptionWrappedInCompletionAndRuntime_classify_readsTheStatus() {
        Throwable wrapped = new CompletionException(new IllegalStateException("call failed",
                http(429, openAiError("insufficient_quota", "insufficient_quota", "quota"))));

        assertEquals(Classification.of(Decision.FAILOVER, "quota_exhausted").withStatus(429), classify(wrapped));
    }

    @Test
    void httpExceptionCausedByIo_classify_statusWins() {
        Classification c = classify(new LlmHttpException(502, Map.of(), "bad gateway", new IOException("reset")));

        assertEquals(Classification.of(Decision.RETRY, "server_error").withStatus(502), c);
    }

    @Test
    void outOfRangeStatus_classify_failoverWithoutStatus() {
        Classification c = classify(http(0, ""));

        assertEquals(Classification.of(Decision.FAILOVER, "unexpected_status"), c);
    }
}
