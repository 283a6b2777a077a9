package dev.llmretry.testing;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmResilience;
import dev.llmretry.internal.exec.LlmRuntime;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Parameters resolve to the objects installed in the runtime; each test starts fresh; waits take no real time. */
@LlmRetryTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionLifecycleTest {
    Faults faultsFromSetUp;
    RecordedEvents eventsFromSetUp;
    VirtualClock clockFromSetUp;

    @BeforeEach
    void setUp(Faults faults, RecordedEvents events, VirtualClock clock) {
        faultsFromSetUp = faults;
        eventsFromSetUp = events;
        clockFromSetUp = clock;
    }

    @Test
    @Order(1)
    void parameters_resolveInSetUpAndTest_toTheInstalledObjects(Faults faults, RecordedEvents events, VirtualClock clock) {
        assertSame(faultsFromSetUp, faults);
        assertSame(eventsFromSetUp, events);
        assertSame(clockFromSetUp, clock);
        assertSame(clock, LlmRuntime.get().time(), "the runtime waits on this test's clock");
        assertTrue(LlmRuntime.get().listeners().all().contains(events.listener()));
    }

    @Test
    @Order(2)
    void testA_threeTimeouts_opensTheCircuitOfIag(Faults faults) {
        faults.on("iag").fail(504).times(3);
        Driver.chat();
        assertEquals("circuit_open", LlmResilience.health().endpoint("iag").state());
    }

    @Test
    @Order(3)
    void testB_afterTestA_circuitIsClosed_andTimeStartsAtZero(RecordedEvents events, VirtualClock clock) {
        assertEquals("healthy", LlmResilience.health().endpoint("iag").state());
        assertEquals(Duration.ZERO, clock.elapsed());
        Driver.chat();
        events.assertThat().attempted("iag").succeededOn("iag");
    }

    @Test
    @Order(4)
    void longWaits_completeAtOnce_andAreRecorded(Faults faults, RecordedEvents events, VirtualClock clock) {
        faults.on("iag").rateLimited(ofSeconds(59)).then().fail(503).then().fail(503);
        long realStart = System.nanoTime();

        Driver.chat();

        Duration real = Duration.ofNanos(System.nanoTime() - realStart);
        events.assertThat().waited(ofSeconds(59), ofSeconds(2)).failedOver("iag", "oneapi");
        assertEquals(ofSeconds(61), clock.elapsed());
        assertEquals(clock.waits(), events.delays());
        assertTrue(real.compareTo(ofSeconds(5)) < 0, "61s of virtual waits took " + real + " of real time");
    }
}
