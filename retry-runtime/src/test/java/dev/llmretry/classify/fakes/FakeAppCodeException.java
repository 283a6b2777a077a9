package dev.llmretry.classify.fakes;

/** An application exception whose {@code int code()} is not an HTTP status. */
public class FakeAppCodeException extends RuntimeException {
    public int code() {
        return 42;
    }
}
