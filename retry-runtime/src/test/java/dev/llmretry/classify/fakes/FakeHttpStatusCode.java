package dev.llmretry.classify.fakes;

/** Mimics Spring 6's {@code HttpStatusCode} interface; the instances are of a package-private class, as in Spring. */
public interface FakeHttpStatusCode {
    int value();

    static FakeHttpStatusCode valueOf(int code) {
        return new FakeDefaultHttpStatusCode(code);
    }
}

/** Like Spring's package-private {@code DefaultHttpStatusCode}: reflection must go through the public interface. */
final class FakeDefaultHttpStatusCode implements FakeHttpStatusCode {
    private final int value;

    FakeDefaultHttpStatusCode(int value) { this.value = value; }

    @Override
    public int value() { return value; }
}
