package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** check(): structure, keys, types and names, with ${VAR} values left for run time (for compile-time checks). */
class ConfigCheckTest {

    private static List<String> messages(String yaml) {
        return ConfigLoader.check("retry.yaml", yaml).stream().map(ConfigProblem::message).toList();
    }

    @Test
    void valuesWithVariables_check_acceptedUnresolved() {
        assertEquals(List.of(), messages("retry: { default: { max-attempts: \"${N}\" } }\n"
                + "endpoints: { iag: { url: \"${IAG_URL}\", api-key: \"${KEY}\", circuit-breaker: \"${CB}\" } }\n"
                + "failover: { enabled: \"${FLAG}\" }\n"));
    }

    @Test
    void structuralMistakes_check_allReportedEvenWithVariables() {
        assertEquals(List.of(
                "retry.default.max-atempts is not a known key, did you mean 'max-attempts'?",
                "retry.default.jitter was wild, must be one of none, full, equal, decorrelated",
                "endpoints.iag.circuit-breaker was strict, must be one of the circuit-breaker policies: default",
                "methods.\"a.B#c\".retry.policy was fast, must be one of the retry policies: default, streaming"),
                messages("retry: { default: { max-atempts: \"${N}\", jitter: wild } }\n"
                        + "endpoints: { iag: { url: \"${IAG_URL}\", circuit-breaker: strict } }\n"
                        + "methods: { \"a.B#c\": { retry: { policy: fast } } }\n"));
    }

    @Test
    void namedPolicyFromFile_check_isKnownToReferences() {
        assertEquals(List.of(), messages("retry: { fast: { max-attempts: 2 } }\n"
                + "methods: { \"a.B#c\": { retry: { policy: fast } } }\n"));
    }

    @Test
    void syntaxError_check_returnedAsProblem() {
        assertEquals(List.of("line 2, column 1: expected the node content, but found '<stream end>' (while parsing a flow node)"),
                messages("retry: [\n"));
    }
}
