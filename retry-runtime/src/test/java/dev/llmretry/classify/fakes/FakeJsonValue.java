package dev.llmretry.classify.fakes;

import java.util.Map;

/** Mimics the Stainless {@code JsonValue}: its toString is Kotlin's map rendering, not JSON. */
public final class FakeJsonValue {
    private final Map<String, Object> values;

    public FakeJsonValue(Map<String, Object> values) {
        this.values = values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
