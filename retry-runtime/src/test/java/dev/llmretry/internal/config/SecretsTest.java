package dev.llmretry.internal.config;

import dev.llmretry.config.LlmRetryConfigException;

import static dev.llmretry.internal.config.ConfigFixtures.fails;
import static dev.llmretry.internal.config.ConfigFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** API keys, proxy passwords and URL credentials never show in messages, problems or toString(). */
class SecretsTest {
    private static final String KEY = "sk-live-SECRET1";
    private static final String PASSWORD = "pw-SECRET2";

    private static void assertNoSecret(String text) {
        assertFalse(text.contains("SECRET"), text);
    }

    @Test
    void endpointWithSecrets_toString_masksThem() {
        LlmRetryConfig config = parse("endpoints:\n  iag:\n    url: https://iag.example\n    api-key: ${KEY}\n"
                + "    properties: { client-secret: s-SECRET3, deployment: prod }\n"
                + "    proxy: { http: http://proxy:8080, username: u, password: \"${PW}\" }\n",
                Map.of("KEY", KEY, "PW", PASSWORD));
        EndpointSettings iag = config.endpoint("iag").orElseThrow();
        assertEquals(KEY, iag.apiKey());
        assertEquals("EndpointSettings{name=iag, url=https://iag.example, model=, api-key=****, priority=1, "
                + "circuit-breaker=default, properties={client-secret=****, deployment=prod}, proxy=ProxySettings{"
                + "http=http://proxy:8080, https=null, no-proxy=[], username=u, password=****}}", iag.toString());
        assertNoSecret(config.toString());
    }

    @Test
    void quotedUrlWithSpaces_load_storedStripped() {
        assertEquals("https://iag.example/v1", parse("endpoints: { iag: { url: \"  https://iag.example/v1 \" } }")
                .endpoint("iag").orElseThrow().uri().toString());
    }

    @Test
    void emptyApiKey_toString_showsItIsEmpty() {
        assertEquals("EndpointSettings{name=local, url=http://localhost:4000, model=, api-key=\"\", priority=1, "
                + "circuit-breaker=default, properties={}, proxy=null}",
                parse("endpoints: { local: { url: \"http://localhost:4000\" } }").endpoint("local").orElseThrow().toString());
    }

    @Test
    void unsetVariableInsideApiKey_load_masksValueButNamesVariable() {
        LlmRetryConfigException e = fails("endpoints:\n  iag:\n    url: https://iag.example\n    api-key: sk-live-SECRET1-${SUFFIX}\n");
        assertEquals("retry.yaml: endpoints.iag.api-key uses ${SUFFIX}, which is not set; set the environment variable "
                + "or system property SUFFIX, or give a default: ${SUFFIX:value}", e.getMessage());
        assertEquals("****", e.problems().get(0).value());
    }

    @Test
    void unterminatedVariableInPassword_load_masksValue() {
        LlmRetryConfigException e = fails("endpoints:\n  iag:\n    url: https://iag.example\n    proxy:\n      username: u\n"
                + "      password: pw-SECRET2${X\n");
        assertNoSecret(e.getMessage());
        assertEquals("****", e.problems().get(0).value());
    }

    @Test
    void apiKeyOfWrongShape_load_namesShapeOnly() {
        assertEquals("retry.yaml: endpoints.iag.api-key was a list, must be text",
                fails("endpoints: { iag: { url: https://iag.example, api-key: [sk-live-SECRET1] } }").getMessage());
    }

    @Test
    void syntaxErrorOnSecretLine_load_hidesTheDetails() {
        LlmRetryConfigException e = fails("endpoints:\n  iag:\n    url: https://iag.example\n    api-key: *sk-live-SECRET1\n");
        assertEquals("retry.yaml: line 4, column 14: invalid YAML (details hidden: the line holds a secret)", e.getMessage());
    }

    @Test
    void misspeltSecretKey_load_showsKeyNotValue() {
        LlmRetryConfigException e = fails("endpoints: { iag: { url: https://iag.example, apikey: sk-live-SECRET1 } }");
        assertEquals("retry.yaml: endpoints.iag.apikey is not a known key, did you mean 'api-key'?", e.getMessage());
    }

    @Test
    void secretsAmongOtherMistakes_load_neverInMessageOrProblems() {
        LlmRetryConfigException e = fails("endpoints:\n  iag:\n    url: https://bob:pw-SECRET2@iag.example\n"
                + "    api-key: sk-live-SECRET1\n    priority: high\n"
                + "    proxy: { http: \"http://u:pw-SECRET2@proxy:8080\", password: pw-SECRET2 }\n");
        assertNoSecret(e.getMessage());
        assertNoSecret(e.problems().toString());
        assertNoSecret(e.toString());
    }
}
