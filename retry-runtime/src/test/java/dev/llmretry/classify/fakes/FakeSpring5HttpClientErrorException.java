package dev.llmretry.classify.fakes;

/** Mimics Spring 5 {@code HttpClientErrorException}: {@code getStatusCode()} returns the enum, plus {@code getRawStatusCode()}. */
public class FakeSpring5HttpClientErrorException extends RuntimeException {
    private final FakeHttpStatus status;
    private final FakeSpringHttpHeaders headers;
    private final String body;

    public FakeSpring5HttpClientErrorException(FakeHttpStatus status, FakeSpringHttpHeaders headers, String body) {
        super(status.value() + " " + status.name());
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    public FakeHttpStatus getStatusCode() { return status; }

    public int getRawStatusCode() { return status.value(); }

    public FakeSpringHttpHeaders getResponseHeaders() { return headers; }

    public String getResponseBodyAsString() { return body; }
}
