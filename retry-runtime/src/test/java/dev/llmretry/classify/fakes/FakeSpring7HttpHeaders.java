package dev.llmretry.classify.fakes;

import java.util.Map;
import java.util.TreeMap;

/** Mimics Spring 7 {@code HttpHeaders}, which is no longer a Map: only {@code getFirst(String)}. */
public final class FakeSpring7HttpHeaders {
    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public FakeSpring7HttpHeaders(Map<String, String> values) { this.values.putAll(values); }

    public String getFirst(String name) { return values.get(name); }
}
