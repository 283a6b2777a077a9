package dev.llmretry.internal.config;

import static dev.llmretry.internal.config.ConfigFixtures.fails;
import static dev.llmretry.internal.config.ConfigFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** ${VAR} and ${VAR:default} in scalar values, typed by the key's schema after substitution. */
class VariablesTest {

    private static String model(String value, Map<String, String> variables) {
        return parse("endpoints:\n  iag:\n    url: https://iag.example\n    model: " + value + "\n", variables)
                .endpoint("iag").orElseThrow().model();
    }

    @Test
    void wholeValue_substitute_replacedByVariable() {
        assertEquals("gpt-4o", model("${MODEL}", Map.of("MODEL", "gpt-4o")));
    }

    @Test
    void embeddedVariables_substitute_replacedInPlace() {
        LlmRetryConfig config = parse("endpoints:\n  iag:\n    url: https://${HOST}:${PORT}/v1\n",
                Map.of("HOST", "iag.example", "PORT", "8443"));
        assertEquals("https://iag.example:8443/v1", config.endpoint("iag").orElseThrow().url());
    }

    @Test
    void unsetVariableWithDefault_substitute_usesDefault() {
        assertEquals("gpt-4o-mini", model("${MODEL:gpt-4o-mini}", Map.of()));
        assertEquals("", model("${MODEL:}", Map.of()));
        assertEquals("a:b", model("${MODEL:a:b}", Map.of()), "the default runs to the closing brace");
    }

    @Test
    void setVariable_substitute_winsOverDefault_evenWhenEmpty() {
        assertEquals("set", model("${MODEL:default}", Map.of("MODEL", "set")));
        assertEquals("", model("${MODEL:default}", Map.of("MODEL", "")));
    }

    @Test
    void dollarDollarBrace_substitute_givesLiteral() {
        assertEquals("${NOT_A_VAR}", model("$${NOT_A_VAR}", Map.of()));
        assertEquals("costs $5 and $$ and ${X}", model("costs $5 and $$ and $${X}", Map.of()));
    }

    @Test
    void variableValueLookingLikeYaml_substitute_staysText() {
        String injected = "x }\nretry: { default: { max-attempts: 99 } }";
        LlmRetryConfig config = parse("endpoints:\n  iag:\n    url: https://iag.example\n    model: ${M}\n", Map.of("M", injected));
        assertEquals(injected, config.endpoint("iag").orElseThrow().model());
        assertEquals(6, config.retryPolicy("default").maxAttempts());
    }

    @Test
    void variableValueContainingVariable_substitute_notScannedAgain() {
        assertEquals("${OTHER}", model("${M}", Map.of("M", "${OTHER}", "OTHER", "no")));
    }

    @Test
    void numberFromVariable_substitute_typedAsInteger() {
        String yaml = "retry:\n  default:\n    max-attempts: ${N:3}\n";
        assertEquals(3, parse(yaml).retryPolicy("default").maxAttempts());
        assertEquals(7, parse(yaml, Map.of("N", "7")).retryPolicy("default").maxAttempts());
    }

    @Test
    void booleanFromVariable_substitute_typedAsBoolean() {
        String yaml = "failover:\n  enabled: ${FLAG:true}\n";
        assertTrue(parse(yaml).failover().enabled());
        assertFalse(parse(yaml, Map.of("FLAG", "false")).failover().enabled());
        assertFalse(parse(yaml, Map.of("FLAG", "OFF")).failover().enabled());
    }

    @Test
    void badValueFromVariable_substitute_messageShowsValueAndOrigin() {
        assertEquals("retry.yaml: retry.default.max-attempts was abc (from ${N:3}), must be an integer >= 1",
                fails("retry:\n  default:\n    max-attempts: ${N:3}\n", Map.of("N", "abc")).getMessage());
        assertEquals("retry.yaml: failover.enabled was maybe (from ${FLAG:true}), must be true or false",
                fails("failover:\n  enabled: ${FLAG:true}\n", Map.of("FLAG", "maybe")).getMessage());
    }

    @Test
    void variablesInListsAndReferences_substitute_resolved() {
        LlmRetryConfig config = parse("circuit-breaker:\n  strict: { failure-threshold: 1 }\n"
                + "endpoints:\n  iag:\n    url: https://iag.example\n    circuit-breaker: ${CB:default}\n"
                + "    proxy:\n      no-proxy:\n        - ${CORP_DOMAIN}\n", Map.of("CB", "strict", "CORP_DOMAIN", ".corp.local"));
        EndpointSettings iag = config.endpoint("iag").orElseThrow();
        assertEquals("strict", iag.circuitBreaker());
        assertEquals(java.util.List.of(".corp.local"), iag.proxy().noProxy());
    }

    @Test
    void noProxyFromEnvironmentStyleList_substitute_splitOnCommas() {
        LlmRetryConfig config = parse("endpoints:\n  iag:\n    url: https://iag.example\n    proxy:\n      no-proxy: ${NO_PROXY}\n",
                Map.of("NO_PROXY", "localhost,127.0.0.1, .corp.local,"));
        assertEquals(java.util.List.of("localhost", "127.0.0.1", ".corp.local"),
                config.endpoint("iag").orElseThrow().proxy().noProxy());
    }

    @Test
    void twoUnsetVariables_substitute_namesBoth() {
        assertEquals("retry.yaml: endpoints.iag.url uses ${HOST}, ${PORT}, which are not set; set them as environment "
                + "variables or system properties, or give defaults: ${HOST:value}",
                fails("endpoints:\n  iag:\n    url: https://${HOST}:${PORT}/v1\n").getMessage());
    }

    @Test
    void unterminatedReference_substitute_saysHowToClose() {
        assertEquals("retry.yaml: endpoints.iag.model has \"${\" without a closing \"}\"; close it, or write $${ for a "
                + "literal ${", fails("endpoints:\n  iag:\n    url: https://iag.example\n    model: ${MODEL\n").getMessage());
    }

    @Test
    void invalidVariableName_substitute_saysWhatNamesAreAllowed() {
        assertEquals("retry.yaml: endpoints.iag.model has ${1X}, which is not a valid variable name (letters, digits, _, "
                + ". and -, not starting with a digit); write $${ for a literal ${",
                fails("endpoints:\n  iag:\n    url: https://iag.example\n    model: ${1X}\n").getMessage());
    }

    @Test
    void variableInKey_substitute_notApplied() {
        assertEquals("retry.yaml: endpoints.${NAME} is not a valid endpoint name; use letters, digits, '.', '_' or '-'",
                fails("endpoints:\n  \"${NAME}\":\n    url: https://iag.example\n", Map.of("NAME", "iag")).getMessage());
    }
}
