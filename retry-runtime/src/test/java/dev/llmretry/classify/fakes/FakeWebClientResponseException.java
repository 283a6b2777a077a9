package dev.llmretry.classify.fakes;

import java.util.Map;

/** Mimics Spring 7 {@code WebClientResponseException}: {@code getStatusCode()}, {@code getHeaders()} (not a Map). */
public class FakeWebClientResponseException extends RuntimeException {
    private final FakeHttpStatusCode status;
    private final FakeSpring7HttpHeaders headers;
    private final String body;

    public FakeWebClientResponseException(int status, Map<String, String> headers, String body) {
        super(status + " from POST https://api.example/v1/chat");
        this.status = FakeHttpStatusCode.valueOf(status);
        this.headers = new FakeSpring7HttpHeaders(headers);
        this.body = body;
    }

    public FakeHttpStatusCode getStatusCode() { return status; }

    public FakeSpring7HttpHeaders getHeaders() { return headers; }

    public String getResponseBodyAsString() { return body; }
}
