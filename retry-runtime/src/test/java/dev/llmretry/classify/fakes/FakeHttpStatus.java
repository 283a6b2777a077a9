package dev.llmretry.classify.fakes;

/** Mimics Spring 5's {@code HttpStatus} enum, returned by Spring 5's {@code getStatusCode()}. */
public enum FakeHttpStatus {
    TOO_MANY_REQUESTS(429), BAD_GATEWAY(502);

    private final int value;

    FakeHttpStatus(int value) { this.value = value; }

    public int value() { return value; }
}
