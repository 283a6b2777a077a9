package dev.llmretry.internal.config;

import dev.llmretry.config.LlmRetryConfigException;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Shared helpers: parse text as "retry.yaml" with given variables, expect failures, read test resources. */
final class ConfigFixtures {
    private ConfigFixtures() {
    }

    static LlmRetryConfig parse(String yaml) {
        return parse(yaml, Map.of());
    }

    static LlmRetryConfig parse(String yaml, Map<String, String> variables) {
        return ConfigLoader.parse("retry.yaml", yaml, variables::get);
    }

    static LlmRetryConfigException fails(String yaml) {
        return fails(yaml, Map.of());
    }

    static LlmRetryConfigException fails(String yaml, Map<String, String> variables) {
        return assertThrows(LlmRetryConfigException.class, () -> parse(yaml, variables));
    }

    static String resource(String name) {
        try (InputStream in = ConfigFixtures.class.getResourceAsStream("/config/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
