package dev.llmretry.classify.fakes;

import java.util.Map;
import java.util.Optional;

/** Mimics {@code com.anthropic.errors.AnthropicServiceException}: no {@code code()}, an {@code errorType()} object. */
public class FakeAnthropicServiceException extends RuntimeException {
    private final int statusCode;
    private final FakeStainlessHeaders headers;
    private final FakeJsonValue body;
    private final String errorType;

    public FakeAnthropicServiceException(int statusCode, Map<String, String> headers, String errorType, String message) {
        super(statusCode + ": {type=error, error={type=" + errorType + ", message=" + message + "}}");
        this.statusCode = statusCode;
        this.headers = new FakeStainlessHeaders(headers);
        this.errorType = errorType;
        this.body = new FakeJsonValue(Map.of("type", "error", "error", Map.of("type", errorType, "message", message)));
    }

    public int statusCode() { return statusCode; }

    public FakeStainlessHeaders headers() { return headers; }

    public FakeJsonValue body() { return body; }

    public Optional<ErrorType> errorType() { return Optional.of(new ErrorType(errorType)); }

    /** Like Anthropic's {@code ErrorType}: not a Java enum; {@code asString()} and {@code toString()} give the value. */
    public static final class ErrorType {
        private final String value;

        ErrorType(String value) { this.value = value; }

        public String asString() { return value; }

        @Override
        public String toString() { return value; }
    }
}
