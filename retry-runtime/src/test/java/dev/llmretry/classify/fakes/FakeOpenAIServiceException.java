package dev.llmretry.classify.fakes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Mimics {@code com.openai.errors.OpenAIServiceException}: the exact accessor names and return types. */
public class FakeOpenAIServiceException extends RuntimeException {
    private final int statusCode;
    private final FakeStainlessHeaders headers;
    private final String code;
    private final String type;
    private final String message;

    public FakeOpenAIServiceException(int statusCode, Map<String, String> headers, String code, String type, String message) {
        super(statusCode + ": " + message);
        this.statusCode = statusCode;
        this.headers = new FakeStainlessHeaders(headers);
        this.code = code;
        this.type = type;
        this.message = message;
    }

    public int statusCode() { return statusCode; }

    public FakeStainlessHeaders headers() { return headers; }

    public FakeJsonValue body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", code);
        return new FakeJsonValue(error);
    }

    public Optional<String> code() { return Optional.ofNullable(code); }

    public Optional<String> type() { return Optional.ofNullable(type); }

    public Optional<String> param() { return Optional.empty(); }
}
