package dev.llmretry.internal.classify;

import dev.llmretry.classify.Decision;

import dev.llmretry.classify.Classification;

import static dev.llmretry.classify.Decision.ABORT;
import static dev.llmretry.classify.Decision.FAILOVER;
import static dev.llmretry.classify.Decision.RETRY;

/**
 * The built-in rows for a failure that carries an HTTP status (research llm-errors.md §9 step 4): body markers
 * first (quota, context length, content policy), then the status row (or, for an error that arrived inside a 2xx
 * stream, the body's error code/type), then the server's {@code x-should-retry} instruction.
 */
final class HttpTable {
    static final Classification QUOTA_EXHAUSTED = Classification.of(FAILOVER, "quota_exhausted");
    static final Classification REQUEST_ABOVE_RATE_LIMIT = Classification.of(FAILOVER, "request_above_rate_limit");
    static final Classification CONTEXT_LENGTH = Classification.of(ABORT, "context_length");
    static final Classification CONTENT_POLICY = Classification.of(ABORT, "content_policy");
    static final Classification BAD_REQUEST = Classification.of(ABORT, "bad_request");
    static final Classification PAYLOAD_TOO_LARGE = Classification.of(ABORT, "payload_too_large");
    static final Classification UNPROCESSABLE = Classification.of(ABORT, "unprocessable");
    static final Classification CLIENT_ERROR = Classification.of(ABORT, "client_error");
    static final Classification UNAUTHORIZED = Classification.of(FAILOVER, "unauthorized");
    static final Classification PAYMENT_REQUIRED = Classification.of(FAILOVER, "payment_required");
    static final Classification FORBIDDEN = Classification.of(FAILOVER, "forbidden");
    static final Classification NOT_FOUND = Classification.of(FAILOVER, "not_found");
    static final Classification FAILED_PRECONDITION = Classification.of(FAILOVER, "failed_precondition");
    static final Classification UNEXPECTED_STATUS = Classification.of(FAILOVER, "unexpected_status");
    static final Classification TIMEOUT = Classification.of(RETRY, "timeout");
    static final Classification CONFLICT = Classification.of(RETRY, "conflict");
    static final Classification TOO_EARLY = Classification.of(RETRY, "too_early");
    static final Classification RATE_LIMITED = Classification.of(RETRY, "rate_limited");
    static final Classification CLIENT_CLOSED = Classification.of(RETRY, "client_closed");
    static final Classification SERVER_ERROR = Classification.of(RETRY, "server_error");
    static final Classification OVERLOADED = Classification.of(RETRY, "overloaded");
    static final Classification STREAM_ERROR = Classification.of(RETRY, "stream_error");

    private HttpTable() {}

    static Classification classify(HttpFacts f) {
        int s = f.status;
        if (s < 0) return UNEXPECTED_STATUS;
        if (s < 500 && Markers.quota(f)) return QUOTA_EXHAUSTED;
        if (s == 429 && Markers.requestAboveRateLimit(f)) return REQUEST_ABOVE_RATE_LIMIT;
        if (s != 429 && Markers.contextLength(f)) return CONTEXT_LENGTH;
        if (s != 429 && Markers.contentPolicy(f)) return CONTENT_POLICY;
        Classification row = s >= 200 && s < 300 ? byErrorCode(f) : byStatus(f);
        return applyShouldRetry(row, f.header("x-should-retry"));
    }

    private static Classification byStatus(HttpFacts f) {
        int s = f.status;
        switch (s) {
            case 400: return f.hasCode("FAILED_PRECONDITION") ? FAILED_PRECONDITION : BAD_REQUEST;
            case 401: return UNAUTHORIZED;
            case 402: return PAYMENT_REQUIRED;
            case 403: return FORBIDDEN;
            case 404: return NOT_FOUND;
            case 408: return TIMEOUT;
            case 409: return CONFLICT;
            case 413: return PAYLOAD_TOO_LARGE;
            case 422: return UNPROCESSABLE;
            case 425: return TOO_EARLY;
            case 429: return RATE_LIMITED;
            case 499: return CLIENT_CLOSED;
            case 529: return OVERLOADED;
            default:
                if (s >= 400 && s < 500) return CLIENT_ERROR;
                if (s >= 500 && s < 600) return SERVER_ERROR;
                return UNEXPECTED_STATUS;
        }
    }

    /**
     * An error event inside a stream that started with 200 (OpenAI/Anthropic {@code SseException}): the status says
     * nothing, the body's code or type does. Unknown codes are retried: the endpoint had accepted the request.
     */
    private static Classification byErrorCode(HttpFacts f) {
        Classification c = byCode(f.code());
        return c != null ? c : (c = byCode(f.type())) != null ? c : STREAM_ERROR;
    }

    private static Classification byCode(String code) {
        if (code == null) return null;
        switch (code.toLowerCase(java.util.Locale.ROOT)) {
            case "overloaded_error": case "overloaded": return OVERLOADED;
            case "rate_limit_error": case "rate_limit_exceeded": case "resource_exhausted": return RATE_LIMITED;
            case "api_error": case "server_error": case "internal_error": case "internal": case "unavailable":
                return SERVER_ERROR;
            case "timeout_error": case "deadline_exceeded": return TIMEOUT;
            case "authentication_error": case "invalid_api_key": case "unauthenticated": return UNAUTHORIZED;
            case "permission_error": case "permission_denied": return FORBIDDEN;
            case "not_found_error": case "model_not_found": case "not_found": return NOT_FOUND;
            case "billing_error": return PAYMENT_REQUIRED;
            case "request_too_large": return PAYLOAD_TOO_LARGE;
            case "invalid_request_error": case "invalid_argument": return BAD_REQUEST;
            default: return null;
        }
    }

    /** OpenAI/Anthropic servers may say {@code x-should-retry: true|false}; their SDKs obey it, so do we. */
    private static Classification applyShouldRetry(Classification row, String shouldRetry) {
        if (shouldRetry == null) return row;
        String v = shouldRetry.trim();
        if (v.equalsIgnoreCase("true") && row.decision() != RETRY) return row.withDecision(RETRY, "should_retry");
        if (v.equalsIgnoreCase("false") && row.decision() == RETRY) return row.withDecision(FAILOVER, "should_not_retry");
        return row;
    }
}
