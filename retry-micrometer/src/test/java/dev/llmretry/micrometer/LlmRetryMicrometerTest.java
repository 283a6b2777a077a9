package dev.llmretry.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmCall;
import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.testing.LlmRetryTest;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meters and the observation of SPEC §11, fed by real calls of the core on virtual time. */
@LlmRetryTest(config = "retry-test.yaml")
class LlmRetryMicrometerTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private LlmRetryMicrometer.Binding binding;

    private LlmCall chat;
    private LlmCall single;

    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void bind() {   // after the harness put retry-test.yaml in force
        chat = LlmCall.builder("acme.chat").retry("default").failover("iag", "oneapi").build();
        single = LlmCall.builder("acme.single").retry("default").build();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onEvent(Observation.Event event, Observation.Context context) {
                events.add(event.getName());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        binding = LlmRetryMicrometer.bind(meters, observations);
    }

    @AfterEach
    void unbind() {
        binding.close();
    }

    @Test
    void threeGatewayTimeoutsOnIag_failsOverToOneapi_countsCallAttemptsFailoverAndOpenCircuit() throws Exception {
        String answer = chat.call(endpoint -> {
            if (endpoint.name().equals("iag")) throw new LlmHttpException(504, Map.of(), "gateway timeout");
            return "ok from " + endpoint.name();
        });

        assertEquals("ok from oneapi", answer);
        assertEquals(1.0, count("llmretry.calls", "name", "acme.chat", "outcome", "failed_over"));
        assertEquals(2.0, count("llmretry.attempts", "endpoint", "iag", "decision", "retry"));
        assertEquals(1.0, count("llmretry.attempts", "endpoint", "iag", "decision", "failover"));
        assertEquals(1.0, count("llmretry.attempts", "endpoint", "oneapi", "decision", "success"));
        assertEquals(1.0, count("llmretry.failovers", "from", "iag", "to", "oneapi", "reason", "circuit_open"));
        assertEquals(1.0, gauge("iag", "open"));
        assertEquals(0.0, gauge("iag", "closed"));
        assertEquals(1.0, gauge("oneapi", "closed"));
        Timer duration = meters.get("llmretry.call.duration").tags("name", "acme.chat", "outcome", "failed_over").timer();
        assertEquals(1, duration.count());
        assertEquals(3_000.0, duration.totalTime(TimeUnit.MILLISECONDS), "1 s + 2 s of backoff, on the virtual clock");
    }

    @Test
    void firstAttemptSucceeds_observationStoppedWithNoErrorAndNoResend() throws Exception {
        chat.call(endpoint -> "fine");

        assertEquals(1.0, count("llmretry.calls", "name", "acme.chat", "outcome", "success"));
        assertThat(observations).hasNumberOfObservationsWithNameEqualTo("llmretry.call", 1)
                .hasObservationWithNameEqualTo("llmretry.call").that()
                .hasBeenStarted().hasBeenStopped()
                .hasContextualNameEqualTo("llmretry acme.chat")
                .hasLowCardinalityKeyValue("llmretry.name", "acme.chat")
                .hasLowCardinalityKeyValue("llmretry.outcome", "success")
                .hasLowCardinalityKeyValue("llmretry.endpoint", "iag")
                .hasLowCardinalityKeyValue("error.type", "none")
                .hasHighCardinalityKeyValue("http.request.resend_count", "0")
                .doesNotHaveError();
    }

    @Test
    void callInsideTheCallersObservation_becomesItsChild() throws Exception {
        Observation request = Observation.start("http.server.requests", observations);
        try (Observation.Scope scope = request.openScope()) {
            chat.call(endpoint -> "fine");
        } finally {
            request.stop();
        }

        assertThat(observations).hasObservationWithNameEqualTo("llmretry.call").that()
                .hasParentObservationEqualTo(request);
    }

    @Test
    void everyAttemptFails_observationCarriesErrorTypeResendCountAndRetryEvents() {
        LlmHttpException last = assertThrows(LlmHttpException.class, () -> single.call(endpoint -> {
            throw new LlmHttpException(503, Map.of(), "overloaded");
        }));

        assertEquals(503, last.status());
        assertEquals(1.0, count("llmretry.calls", "name", "acme.single", "outcome", "failed"));
        assertEquals(3.0, count("llmretry.attempts", "endpoint", "acme.single", "decision", "retry"));
        assertEquals(1.0, count("llmretry.attempts", "endpoint", "acme.single", "decision", "exhausted"));
        assertThat(observations).hasObservationWithNameEqualTo("llmretry.call").that()
                .hasBeenStopped()
                .hasLowCardinalityKeyValue("llmretry.outcome", "failed")
                .hasLowCardinalityKeyValue("error.type", "503")
                .hasHighCardinalityKeyValue("http.request.resend_count", "3")
                .hasError();
        assertEquals(List.of("llmretry.retry", "llmretry.retry", "llmretry.retry"), events);
    }

    @Test
    void failureMessageCarriesTheApiKey_neitherTheObservationErrorNorAnyTagShowsIt() {
        assertThrows(IOException.class, () -> chat.call(endpoint -> {
            throw new IOException("connection reset while sending Bearer sk-iag-SECRET-4711");
        }));

        assertThat(observations).hasObservationWithNameEqualTo("llmretry.call").that()
                .hasLowCardinalityKeyValue("error.type", "java.io.IOException")
                .satisfies(c -> {
                    String reported = c.getError().getMessage();
                    assertFalse(reported.contains("SECRET"), reported);
                    assertTrue(reported.startsWith("java.io.IOException: "), reported);
                });
        for (Meter m : meters.getMeters()) {
            for (Tag t : m.getId().getTags()) assertFalse(t.getValue().contains("SECRET"), m.getId().toString());
        }
    }

    @Test
    void tagValues_comeFromClosedSetsAndConfiguredNamesOnly() throws Exception {
        chat.call(endpoint -> {
            if (endpoint.name().equals("iag")) throw new LlmHttpException(429, Map.of(), "slow down");
            return "ok";
        });
        assertThrows(LlmHttpException.class, () -> single.call(endpoint -> {
            throw new LlmHttpException(500, Map.of(), "boom");
        }));

        Map<String, Set<String>> allowed = Map.of(
                "name", Set.of("acme.chat", "acme.single"),
                "endpoint", Set.of("iag", "oneapi", "acme.single"),
                "from", Set.of("iag", "oneapi"), "to", Set.of("iag", "oneapi"),
                "outcome", Set.of("success", "success_after_retry", "failed_over", "failed"),
                "decision", Set.of("success", "retry", "failover", "exhausted"),
                "state", Set.of("closed", "open", "half_open"));
        for (Meter m : meters.getMeters()) {
            for (Tag t : m.getId().getTags()) {
                if (t.getKey().equals("reason")) continue;   // the library's own reason codes
                assertTrue(allowed.getOrDefault(t.getKey(), Set.of()).contains(t.getValue()), m.getId().toString());
            }
        }
    }

    @Test
    void unbound_noMoreCountsNorObservations() throws Exception {
        binding.close();

        chat.call(endpoint -> "fine");

        assertTrue(meters.find("llmretry.calls").counters().isEmpty());
        assertThat(observations).doesNotHaveAnyObservation();
    }

    @Test
    void abortedCall_reportsNoEnd_soItsObservationEndsAsUnknownOnceEightLaterCallsStarted() throws Exception {
        binding.close();
        TestObservationRegistry registry = TestObservationRegistry.create();
        ObservationListener listener = new ObservationListener(registry, 8);
        LlmResilience.addListener(listener);
        try {
            assertThrows(LlmHttpException.class, () -> single.call(endpoint -> {
                throw new LlmHttpException(400, Map.of(), "bad request");   // ABORT: rethrown at once, no end event
            }));
            assertThat(registry).hasObservationWithNameEqualTo("llmretry.call").that().isNotStopped();

            for (int i = 0; i < 7; i++) chat.call(endpoint -> "fine");
            assertThat(registry).hasObservationWithNameEqualTo("llmretry.call").that().isNotStopped();
            chat.call(endpoint -> "fine");

            assertThat(registry).hasObservationWithNameEqualTo("llmretry.call").that()
                    .hasBeenStopped()
                    .hasLowCardinalityKeyValue("llmretry.name", "acme.single")
                    .hasLowCardinalityKeyValue("llmretry.outcome", "unknown")
                    .hasLowCardinalityKeyValue("error.type", "unknown");
            assertEquals(0, listener.inFlight());
        } finally {
            LlmResilience.removeListener(listener);
        }
    }

    @Test
    void callsThatNeverEnd_beyondTheLimit_oldestIsEndedAndForgotten() {
        List<Long> evicted = new java.util.ArrayList<>();
        InFlight<Long> inFlight = new InFlight<>(evicted::add);

        for (long id = 1; id <= InFlight.LIMIT + 2; id++) inFlight.put(id, id);

        assertEquals(List.of(1L, 2L), evicted);
        assertEquals(InFlight.LIMIT, inFlight.size());
        assertEquals(null, inFlight.remove(1L));
        assertEquals(3L, inFlight.remove(3L));
        assertEquals(InFlight.LIMIT - 1, inFlight.size());
    }

    private double count(String name, String... tags) {
        return meters.get(name).tags(tags).counter().count();
    }

    private double gauge(String endpoint, String state) {
        return meters.get("llmretry.circuit.state").tags("endpoint", endpoint, "state", state).gauge().value();
    }
}
