package dev.llmretry.classify.fakes;

/** Mimics Spring 6.2+ {@code RestClientResponseException}: {@code getStatusCode()} returns an {@code HttpStatusCode}. */
public class FakeRestClientResponseException extends RuntimeException {
    private final FakeHttpStatusCode status;
    private final FakeSpringHttpHeaders headers;
    private final String body;

    public FakeRestClientResponseException(int status, FakeSpringHttpHeaders headers, String body) {
        super(status + " on POST request for \"https://api.example/v1/chat\": " + body);
        this.status = FakeHttpStatusCode.valueOf(status);
        this.headers = headers;
        this.body = body;
    }

    public FakeHttpStatusCode getStatusCode() { return status; }

    public FakeSpringHttpHeaders getResponseHeaders() { return headers; }

    public String getResponseBodyAsString() { return body; }
}
