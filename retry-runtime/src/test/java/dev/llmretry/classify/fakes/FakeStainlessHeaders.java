package dev.llmretry.classify.fakes;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Mimics {@code com.openai.core.http.Headers} / {@code com.anthropic.core.http.Headers}: {@code values(String)}. */
public final class FakeStainlessHeaders {
    private final TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public FakeStainlessHeaders(Map<String, String> single) {
        single.forEach((k, v) -> map.put(k, List.of(v)));
    }

    public List<String> values(String name) {
        return map.getOrDefault(name, List.of());
    }

    public Set<String> names() {
        return map.keySet();
    }
}
