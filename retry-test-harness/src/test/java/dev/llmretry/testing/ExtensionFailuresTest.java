package dev.llmretry.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.llmretry.internal.exec.LlmRuntime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/** Tests that must fail do fail, with a message that says why and what to do; and nothing leaks afterwards. */
class ExtensionFailuresTest {

    @Test
    void strictFaultNeverFired_passingTest_failsListingTheFault() {
        EngineExecutionResults r = EngineRuns.run(UnfiredFault.class);

        r.testEvents().assertStatistics(s -> s.started(1).failed(1));
        String message = EngineRuns.failures(r).get(0).getMessage();
        assertTrue(message.startsWith("1 declared fault(s) never fired in UnfiredFault.answersOnIag()"), message);
        assertTrue(message.contains("on endpoint 'oneapi': fail(503).times(1) never fired"), message);
        assertTrue(message.contains(".lenient()"), message);
        assertTrue(message.contains("attempt   iag"), "shows the timeline:\n" + message);
    }

    @Test
    void strictFaultNeverFired_failingTest_keepsItsOwnFailure_strictnessSuppressed() {
        EngineExecutionResults r = EngineRuns.run(UnfiredFaultInFailingOne.class);

        Throwable thrown = EngineRuns.failures(r).get(0);
        assertEquals("the test's own failure", thrown.getMessage());
        assertEquals(1, thrown.getSuppressed().length);
        assertTrue(thrown.getSuppressed()[0].getMessage().contains("never fired"), thrown.getSuppressed()[0].getMessage());
    }

    @Test
    void lenientFault_orStrictnessOff_neverFired_passes() {
        EngineRuns.run(LenientFaults.class, StrictnessOff.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Test
    void unwovenAnnotatedField_failsBeforeTheBody_namingClassMethodAndBothFixes() {
        UnwovenField.bodyRan = false;
        EngineExecutionResults r = EngineRuns.run(UnwovenField.class);

        r.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertFalse(UnwovenField.bodyRan, "the test body must not run unprotected");
        String message = EngineRuns.failures(r).get(0).getMessage();
        assertTrue(message.startsWith("dev.llmretry.testing.UnwovenChatService carries llm-retry annotations but was "
                + "not woven, so ask(String) would run with no retry"), message);
        assertTrue(message.contains("<artifactId>aspectj-maven-plugin</artifactId>"), message);
        assertTrue(message.contains("<aspectLibrary><groupId>dev.llmretry</groupId><artifactId>retry-runtime"), message);
        assertTrue(message.contains("<argLine>-javaagent:${org.aspectj:aspectjweaver:jar}</argLine>"), message);
    }

    @Test
    void unwovenClassListedOnTheAnnotation_failsTheTest() {
        EngineExecutionResults r = EngineRuns.run(UnwovenListed.class);

        String message = EngineRuns.failures(r).get(0).getMessage();
        assertTrue(message.startsWith("dev.llmretry.testing.UnwovenChatService carries"), message);
    }

    @Test
    void wrongAttemptedAssertion_fails_showingExpectedActualAndTimeline() {
        EngineExecutionResults r = EngineRuns.run(WrongAttempts.class);

        AssertionFailedError e = assertInstanceOf(AssertionFailedError.class, EngineRuns.failures(r).get(0));
        assertTrue(e.getMessage().startsWith(
                "attempted endpoints expected: [iag, oneapi] but was: [iag, iag, iag, oneapi]"), e.getMessage());
        assertEquals(List.of("iag", "oneapi"), e.getExpected().getValue());
        for (String line : List.of("attempt   iag", "retry     iag", "waits 1s", "waits 2s", "circuit   iag",
                "CLOSED -> OPEN", "failover  iag -> oneapi", "(circuit_open)", "success   oneapi", "+   3.000s")) {
            assertTrue(e.getMessage().contains(line), "missing '" + line + "' in\n" + e.getMessage());
        }
    }

    @Test
    void failingTestWithFaultsLeft_runtimeRestoredAfterwards() {
        EngineRuns.run(FailsWithFaultsInstalled.class).testEvents().assertStatistics(s -> s.failed(1));

        assertFalse(LlmRuntime.get().time() instanceof VirtualClock, "the real clock is back");
        assertTrue(LlmRuntime.get().listeners().all().stream()
                .noneMatch(l -> l.getClass().getName().startsWith(RecordedEvents.class.getName())), "recorder removed");
        assertEquals("answer from iag", Driver.chat(), "the fault injector is gone (iag would fail forever)");
    }

    @Fixture
    @LlmRetryTest
    static class UnfiredFault {
        @Test
        void answersOnIag(Faults faults) {
            faults.on("oneapi").fail(503);
            Driver.chat();
        }
    }

    @Fixture
    @LlmRetryTest
    static class UnfiredFaultInFailingOne {
        @Test
        void failsByItself(Faults faults) {
            faults.on("oneapi").fail(503);
            fail("the test's own failure");
        }
    }

    @Fixture
    @LlmRetryTest
    static class LenientFaults {
        @Test
        void lenientStep(Faults faults) {
            faults.on("oneapi").fail(503).lenient();
            Driver.chat();
        }
    }

    @Fixture
    @LlmRetryTest(strictFaults = false)
    static class StrictnessOff {
        @Test
        void strictnessOff(Faults faults) {
            faults.on("oneapi").fail(503);
            Driver.chat();
        }
    }

    @Fixture
    @LlmRetryTest
    static class UnwovenField {
        static volatile boolean bodyRan;
        final UnwovenChatService service = new UnwovenChatService();

        @Test
        void callsTheService() {
            bodyRan = true;
            service.ask("q");
        }
    }

    @Fixture
    @LlmRetryTest(woven = UnwovenChatService.class)
    static class UnwovenListed {
        @Test
        void nothingInFields() {
        }
    }

    @Fixture
    @LlmRetryTest
    static class WrongAttempts {
        @Test
        void expectsTooFewAttempts(Faults faults, RecordedEvents events) {
            faults.on("iag").fail(504).times(3);
            Driver.chat();
            events.assertThat().attempted("iag", "oneapi");
        }
    }

    @Fixture
    @LlmRetryTest
    static class FailsWithFaultsInstalled {
        @Test
        void leavesFaultsBehind(Faults faults) {
            faults.on("iag").fail(500).always().lenient();
            fail("fails with faults still scripted");
        }
    }
}
