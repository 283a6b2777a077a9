package dev.llmretry.classify.fakes;

/** An SDK-like exception whose accessors blow up: reading it must swallow that. */
public class FakeThrowingAccessorException extends RuntimeException {
    public int statusCode() {
        throw new IllegalStateException("not now");
    }

    public Object headers() {
        throw new IllegalStateException("not now");
    }
}
