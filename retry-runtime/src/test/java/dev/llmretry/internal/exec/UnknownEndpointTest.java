package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.internal.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A misspelt @Failover endpoint that reached run time (no processor) fails its calls saying what was meant. */
class UnknownEndpointTest {
    static class Chat {
        @Failover(endpoints = {"iag", "onapi"})
        public String ask(String q, Endpoint endpoint) {
            return q;
        }
    }

    @AfterEach
    void forget() {
        LlmRuntime.get().resetState();
    }

    @Test
    void misspeltEndpoint_firstCall_failsWithDidYouMeanAndTheDefinedNames() throws Exception {
        LlmRuntime runtime = LlmRuntime.get();
        runtime.useConfig(ConfigLoader.parse("retry.yaml", """
                endpoints:
                  iag: { url: "https://iag.example/v1" }
                  oneapi: { url: "https://oneapi.example/v1" }
                """, name -> null));
        MethodPlan plan = PlanFactory.create(CallSpec.of(Chat.class.getMethod("ask", String.class, Endpoint.class)), runtime);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> plan.enter(0));
        assertEquals("@Failover on dev.llmretry.internal.exec.UnknownEndpointTest$Chat#ask: retry.yaml: no endpoint named "
                + "'onapi', did you mean 'oneapi'? (defined: iag, oneapi); add it under endpoints: in retry.yaml",
                e.getMessage());
    }
}
