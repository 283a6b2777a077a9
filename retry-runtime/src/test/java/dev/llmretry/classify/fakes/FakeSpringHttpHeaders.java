package dev.llmretry.classify.fakes;

import java.util.LinkedHashMap;
import java.util.List;

/** Mimics Spring 5/6 {@code HttpHeaders}: a {@code MultiValueMap} (a Map of lists) with {@code getFirst(String)}. */
public class FakeSpringHttpHeaders extends LinkedHashMap<String, List<String>> {
    public FakeSpringHttpHeaders with(String name, String value) {
        put(name, List.of(value));
        return this;
    }

    public String getFirst(String name) {
        List<String> values = get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
