package dev.llmretry.internal.classify;

import dev.llmretry.classify.Decision;

import dev.llmretry.classify.Classification;

import static dev.llmretry.internal.classify.Fixtures.classify;
import static dev.llmretry.internal.classify.Fixtures.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llmretry.classify.fakes.FakeAnthropicServiceException;
import dev.llmretry.classify.fakes.FakeAppCodeException;
import dev.llmretry.classify.fakes.FakeAzureHttpResponseException;
import dev.llmretry.classify.fakes.FakeGoogleApiException;
import dev.llmretry.classify.fakes.FakeHttpStatus;
import dev.llmretry.classify.fakes.FakeOpenAIServiceException;
import dev.llmretry.classify.fakes.FakeRestClientResponseException;
import dev.llmretry.classify.fakes.FakeSpring5HttpClientErrorException;
import dev.llmretry.classify.fakes.FakeSpringHttpHeaders;
import dev.llmretry.classify.fakes.FakeThrowingAccessorException;
import dev.llmretry.classify.fakes.FakeWebClientResponseException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;

/** The reflective readers against stand-ins with each SDK's exact accessor names and return types (research §10). */
class SdkShapesTest {

    @Test
    void openAiQuota429_classify_readsOptionalCodeNotAsStatus() {
        Throwable e = new FakeOpenAIServiceException(429, single("retry-after", "4"), "insufficient_quota",
                "insufficient_quota", "You exceeded your current quota");

        assertEquals(Classification.of(Decision.FAILOVER, "quota_exhausted").withStatus(429)
                .withRetryAfter(Duration.ofSeconds(4)), classify(e));
    }

    @Test
    void openAiRateLimit_classify_readsHeadersThroughValuesCaseInsensitively() {
        Throwable e = new FakeOpenAIServiceException(429, single("Retry-After-Ms", "1500"), "rate_limit_exceeded",
                "requests", "Rate limit reached");

        assertEquals(Classification.of(Decision.RETRY, "rate_limited").withStatus(429)
                .withRetryAfter(Duration.ofMillis(1500)), classify(e));
    }

    @Test
    void openAiSseErrorWith200_classify_byCodeNotStatus() {
        Throwable e = new FakeOpenAIServiceException(200, Map.of(), null, "server_error", "The server had an error");

        assertEquals(Classification.of(Decision.RETRY, "server_error").withStatus(200), classify(e));
    }

    @Test
    void anthropicOverloaded529_classify_retryOverloaded() {
        Throwable e = new FakeAnthropicServiceException(529, Map.of(), "overloaded_error", "Overloaded");

        assertEquals(Classification.of(Decision.RETRY, "overloaded").withStatus(529), classify(e));
    }

    @Test
    void anthropicMidStreamOverloaded_classify_readsErrorTypeObject() {
        Throwable e = new FakeAnthropicServiceException(200, Map.of(), "overloaded_error", "Overloaded");

        assertEquals(Classification.of(Decision.RETRY, "overloaded").withStatus(200), classify(e));
    }

    @Test
    void anthropicPromptTooLong_classify_abortContextLength() {
        Throwable e = new FakeAnthropicServiceException(400, Map.of(), "invalid_request_error",
                "prompt is too long: 210000 tokens > 200000 maximum");

        assertEquals("context_length", classify(e).reason());
    }

    @Test
    void googleResourceExhausted_classify_intCodeIsStatusAndStringStatusIsType() {
        Throwable e = new FakeGoogleApiException(429, "RESOURCE_EXHAUSTED",
                "Resource has been exhausted. Please retry in 10.68s.");

        assertEquals(Classification.of(Decision.RETRY, "rate_limited").withStatus(429)
                .withRetryAfter(Duration.ofMillis(10_680)), classify(e));
    }

    @Test
    void googleFailedPrecondition_classify_failover() {
        Throwable e = new FakeGoogleApiException(400, "FAILED_PRECONDITION", "User location is not supported");

        assertEquals(Classification.of(Decision.FAILOVER, "failed_precondition").withStatus(400), classify(e));
    }

    @Test
    void spring6RestClient_classify_readsStatusObjectThroughPublicInterface() {
        Throwable e = new FakeRestClientResponseException(503, new FakeSpringHttpHeaders().with("Retry-After", "5"), "busy");

        assertEquals(Classification.of(Decision.RETRY, "server_error").withStatus(503)
                .withRetryAfter(Duration.ofSeconds(5)), classify(e));
    }

    @Test
    void spring6RestClientQuotaBody_classify_parsesBodyForCode() {
        Throwable e = new FakeRestClientResponseException(429, new FakeSpringHttpHeaders(),
                "{\"error\":{\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}");

        assertEquals("quota_exhausted", classify(e).reason());
    }

    @Test
    void spring5ClientError_classify_readsRawStatusAndHeaders() {
        Throwable e = new FakeSpring5HttpClientErrorException(FakeHttpStatus.TOO_MANY_REQUESTS,
                new FakeSpringHttpHeaders().with("retry-after", "3"), "{\"error\":{\"code\":\"rate_limit_exceeded\"}}");

        assertEquals(Classification.of(Decision.RETRY, "rate_limited").withStatus(429)
                .withRetryAfter(Duration.ofSeconds(3)), classify(e));
    }

    @Test
    void spring5StatusEnum_status_readsValue() {
        assertEquals(502, Reflect.status(FakeHttpStatus.BAD_GATEWAY));
    }

    @Test
    void webClientResponse_classify_readsGetHeadersGetFirst() {
        Throwable e = new FakeWebClientResponseException(429, single("Retry-After", "8"), "slow down");

        assertEquals(Classification.of(Decision.RETRY, "rate_limited").withStatus(429)
                .withRetryAfter(Duration.ofSeconds(8)), classify(e));
    }

    @Test
    void azureContentFilter_classify_readsResponseAndDeserializedValue() {
        Throwable e = new FakeAzureHttpResponseException("Status code 400, (content filtered)", 400, Map.of(),
                Map.of("error", Map.of("code", "content_filter", "message", "The response was filtered")));

        assertEquals(Classification.of(Decision.ABORT, "content_policy").withStatus(400), classify(e));
    }

    @Test
    void azureRateLimit_classify_readsRetryAfterMsFromResponseHeaders() {
        Throwable e = new FakeAzureHttpResponseException("Status code 429", 429, single("x-ms-retry-after-ms", "2500"),
                Map.of("error", Map.of("code", "429", "message", "Requests exceeded")));

        assertEquals(Classification.of(Decision.RETRY, "rate_limited").withStatus(429)
                .withRetryAfter(Duration.ofMillis(2500)), classify(e));
    }

    @Test
    void springAiTransientWithStatus_classify_usesStatusRow() {
        assertEquals(Classification.of(Decision.RETRY, "server_error").withStatus(503),
                classify(new TransientAiException("503 - {\"error\":\"unavailable\"}")));
    }

    @Test
    void springAiNonTransient429_classify_retryNotBlanketAbort() {
        assertEquals(Classification.of(Decision.RETRY, "rate_limited").withStatus(429),
                classify(new NonTransientAiException("HTTP 429 - {\"error\":{\"code\":\"rate_limit_exceeded\"}}")));
    }

    @Test
    void springAiNonTransientQuota_classify_failoverQuota() {
        assertEquals("quota_exhausted", classify(new NonTransientAiException(
                "429 - {\"error\":{\"type\":\"insufficient_quota\",\"message\":\"You exceeded your current quota\"}}")).reason());
    }

    @Test
    void springAiTransientWithoutStatus_classify_retryTransient() {
        assertEquals(Classification.of(Decision.RETRY, "transient"), classify(new TransientAiException("flaky")));
    }

    @Test
    void springAiNonTransientWithoutStatus_classify_abortNonTransient() {
        assertEquals(Classification.of(Decision.ABORT, "non_transient"), classify(new NonTransientAiException("nope")));
    }

    @Test
    void sdkExceptionInsideCompletionException_classify_readsIt() {
        Throwable e = new CompletionException(new FakeAnthropicServiceException(529, Map.of(), "overloaded_error", "x"));

        assertEquals("overloaded", classify(e).reason());
    }

    @Test
    void accessorThatThrows_classify_fallsBackWithoutThrowing() {
        Throwable e = new FakeThrowingAccessorException();

        assertEquals(Classification.of(Decision.ABORT, "programming_error"), classify(e));
    }

    @Test
    void accessorsPerClass_lookup_isCachedIncludingNone() {
        assertSame(SdkAccessors.of(FakeOpenAIServiceException.class), SdkAccessors.of(FakeOpenAIServiceException.class));
        assertSame(SdkAccessors.of(IllegalStateException.class), SdkAccessors.of(IllegalStateException.class));
        assertEquals(0, SdkAccessors.of(IllegalStateException.class).status.length);
    }

    @Test
    void reusedAccessorNames_lookup_checksReturnTypes() {
        SdkAccessors google = SdkAccessors.of(FakeGoogleApiException.class);
        SdkAccessors openAi = SdkAccessors.of(FakeOpenAIServiceException.class);

        assertEquals(null, google.code, "Google's int code() is the status, not an error code");
        assertEquals("code", google.status[0].getName());
        assertEquals("status", google.type.getName(), "Google's String status() is the error type");
        assertEquals("code", openAi.code.getName(), "OpenAI's Optional<String> code() is the error code");
        assertEquals(1, openAi.status.length, "only statusCode(): OpenAI's code() is not a status");
    }

    @Test
    void nonHttpIntCode_classify_isNotTakenForAStatus() {
        assertEquals(Classification.of(Decision.ABORT, "programming_error"), classify(new FakeAppCodeException()));
    }
}
