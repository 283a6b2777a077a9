package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.EndpointSettings;
import dev.llmretry.internal.endpoint.ConfiguredEndpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secrets in failure summaries (what logs, events, health and the health file show): masked before the text is cut,
 * so a key on the cut never survives in part; secret query parameters in URLs masked everywhere.
 */
class SummarySecretsTest {
    static final String KEY = "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY";
    final Redactor redactor = new Redactor(List.of(KEY));

    /** Any 4 consecutive characters of the key: enough to say it survived in part. */
    static void assertNoPartOf(String secret, String text) {
        for (int i = 0; i + 4 <= secret.length(); i++) {
            String part = secret.substring(i, i + 4);
            assertFalse(text.contains(part), "'" + part + "' of the key survived in: " + text);
        }
    }

    @Test
    void configuredKeyAtEveryOffset_summaryOfAnyFailure_showsNoPartOfIt() {
        for (int offset = 0; offset <= 400; offset++) {
            String filler = "w".repeat(offset);
            assertNoPartOf(KEY, redactor.summary(new IOException(filler + KEY + " and more words after it")));
            assertNoPartOf(KEY, redactor.summary(new IOException(filler + " " + KEY)));
        }
    }

    @Test
    void configuredKeyAtEveryOffsetOfAnErrorBody_summary_showsNoPartOfIt() {
        for (int offset = 0; offset <= 400; offset++) {
            String message = "v".repeat(offset) + " rejected " + KEY + " for this project";
            String json = "{\"error\":{\"message\":\"" + message + "\",\"code\":\"invalid_key\"}}";
            assertNoPartOf(KEY, redactor.summary(new LlmHttpException(401, Map.of(), json)));
            assertNoPartOf(KEY, redactor.summary(new LlmHttpException(502, Map.of(), message)));
            assertNoPartOf(KEY, redactor.summary(new IllegalStateException(new LlmHttpException(401, Map.of(), json)
                    .getMessage())));
        }
    }

    @Test
    void secretQueryParameters_anyCase_maskedInSummaries_valuesAndOtherParametersKept() {
        String text = redactor.mask("ConnectException: https://g.example/v1/models?alt=sse&KEY=AIzaOne123&api-key=two2222"
                + "&api_key=three333&apikey=four4444&Token=five5555&access_token=six66666&sig=seven777"
                + "&signature=eight888&x-api-key=nine9999 failed");
        for (String value : List.of("AIzaOne123", "two2222", "three333", "four4444", "five5555", "six66666",
                "seven777", "eight888", "nine9999")) {
            assertFalse(text.contains(value), value + " leaked: " + text);
        }
        assertTrue(text.contains("?alt=sse&KEY=****&api-key=****"), text);
        assertTrue(text.endsWith("x-api-key=**** failed"), text);
    }

    @Test
    void urlWithKeyInItsQuery_endpointAndSettingsToString_maskTheKey() {
        EndpointSettings google = ConfigLoader.parse("test.yaml", "endpoints:\n  google: { url: \"https://gl.example"
                + "/v1beta/models/gemini:streamGenerateContent?alt=sse&key=AIzaSecret0001\" }\n",
                Map.<String, String>of()::get).endpoint("google").orElseThrow();

        for (String shown : List.of(google.toString(), ConfiguredEndpoint.of(google).toString())) {
            assertFalse(shown.contains("AIzaSecret0001"), shown);
            assertTrue(shown.contains("?alt=sse&key=****"), shown);
        }
    }

    @Test
    void keyFromAnEndpointUrl_echoedWithoutItsName_isMaskedToo() {
        LlmRuntime rt = new LlmRuntime(() -> ConfigLoader.parse("test.yaml",
                "endpoints:\n  google: { url: \"https://gl.example/v1?key=AIzaSecret0002\" }\n",
                Map.<String, String>of()::get));
        String summary = rt.redactor().summary(new ConnectException("bad key AIzaSecret0002 refused"));
        assertEquals("ConnectException: bad key **** refused", summary);
    }
}
