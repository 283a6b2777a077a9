package dev.llmretry.internal.classify;

import dev.llmretry.classify.Decision;

import dev.llmretry.classify.Classification;

import static dev.llmretry.internal.classify.Fixtures.classify;
import static dev.llmretry.internal.classify.Fixtures.openAiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.internal.ExceptionMapper;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

/**
 * Real LangChain4j exceptions, mapped by its own {@code ExceptionMapper.DEFAULT} as its models do: the typed
 * exception wraps an {@code HttpException} whose message is the raw response body.
 */
class LangChain4jExceptionsTest {

    private static RuntimeException mapped(int status, String body) {
        return ExceptionMapper.DEFAULT.mapException(new HttpException(status, body));
    }

    @Test
    void quota429MappedAsRetriableRateLimit_classify_failoverQuotaFromBody() {
        RuntimeException e = mapped(429, openAiError("insufficient_quota", "insufficient_quota", "You exceeded your current quota"));

        assertInstanceOf(RateLimitException.class, e);
        assertEquals(Classification.of(Decision.FAILOVER, "quota_exhausted").withStatus(429), classify(e));
    }

    @Test
    void rateLimit429_classify_retryRateLimited() {
        RuntimeException e = mapped(429, openAiError("requests", "rate_limit_exceeded", "Rate limit reached"));

        assertEquals(Classification.of(Decision.RETRY, "rate_limited").withStatus(429), classify(e));
    }

    @Test
    void contextLength400MappedAsInvalidRequest_classify_abortContextLength() {
        RuntimeException e = mapped(400, openAiError("invalid_request_error", "context_length_exceeded", "too long"));

        assertInstanceOf(InvalidRequestException.class, e);
        assertEquals(Classification.of(Decision.ABORT, "context_length").withStatus(400), classify(e));
    }

    @Test
    void unauthorized401_classify_failoverUnauthorized() {
        RuntimeException e = mapped(401, "{\"error\":{\"message\":\"bad key\"}}");

        assertInstanceOf(AuthenticationException.class, e);
        assertEquals(Classification.of(Decision.FAILOVER, "unauthorized").withStatus(401), classify(e));
    }

    @Test
    void serviceUnavailable503_classify_retryServerError() {
        RuntimeException e = mapped(503, "upstream unavailable");

        assertInstanceOf(InternalServerException.class, e);
        assertEquals(Classification.of(Decision.RETRY, "server_error").withStatus(503), classify(e));
    }

    @Test
    void typedRateLimitWithoutHttpCause_classify_retryByClassName() {
        assertEquals(Classification.of(Decision.RETRY, "rate_limited"), classify(new RateLimitException("slow down")));
    }

    @Test
    void typedTimeoutWithoutCause_classify_retryTimeout() {
        assertEquals(Classification.of(Decision.RETRY, "timeout"), classify(new TimeoutException("timed out")));
    }

    @Test
    void typedAuthenticationWithoutCause_classify_failoverUnauthorized() {
        assertEquals(Classification.of(Decision.FAILOVER, "unauthorized"), classify(new AuthenticationException("no")));
    }

    @Test
    void modelNotFoundWithoutCause_classify_failoverNotFound() {
        assertEquals(Classification.of(Decision.FAILOVER, "not_found"), classify(new ModelNotFoundException("gpt-9")));
    }

    @Test
    void contentFiltered_classify_abortContentPolicy() {
        assertEquals(Classification.of(Decision.ABORT, "content_policy"), classify(new ContentFilteredException("filtered")));
    }

    @Test
    void invalidRequestWithContextMessage_classify_abortContextLength() {
        assertEquals(Classification.of(Decision.ABORT, "context_length"),
                classify(new InvalidRequestException("This model's maximum context length is 8192 tokens")));
    }

    @Test
    void invalidRequestPlain_classify_abortBadRequest() {
        assertEquals(Classification.of(Decision.ABORT, "bad_request"), classify(new InvalidRequestException("temperature")));
    }

    @Test
    void unresolvedModelServer_classify_failoverDns() {
        RuntimeException e = ExceptionMapper.DEFAULT.mapException(
                new RuntimeException(new ConnectException().initCause(new UnresolvedAddressException())));

        assertInstanceOf(UnresolvedModelServerException.class, e);
        assertEquals(Classification.of(Decision.FAILOVER, "dns"), classify(e));
    }
}
