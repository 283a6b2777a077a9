package dev.llmretry.internal.classify;

import dev.llmretry.classify.Classification;

import dev.llmretry.LlmHttpException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Shared test helpers: a fixed wall clock, the built-in classifier and terse failure builders. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Supplier<Instant> CLOCK = () -> NOW;
    static final FailureClassifier BUILT_IN = Classifiers.builtIn(CLOCK);

    private Fixtures() {}

    static Classification classify(Throwable failure) {
        return BUILT_IN.classify(failure);
    }

    /** Header name/value pairs as a multi-valued map. */
    static Map<String, List<String>> headers(String... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], List.of(pairs[i + 1]));
        return map;
    }

    /** Header name/value pairs as a single-valued map (for the SDK stand-ins). */
    static Map<String, String> single(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
        return map;
    }

    static LlmHttpException http(int status, String body, String... headerPairs) {
        return new LlmHttpException(status, headers(headerPairs), body);
    }

    /** An OpenAI-style error body. */
    static String openAiError(String type, String code, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":" + quoted(type) + ",\"param\":null,\"code\":"
                + quoted(code) + "}}";
    }

    /** An Anthropic-style error body. */
    static String anthropicError(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message
                + "\"},\"request_id\":\"req_1\"}";
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
