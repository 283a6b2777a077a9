package dev.llmretry.testing;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.internal.exec.LlmRuntime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Where the extension applies: nested classes inherit it; constructors cannot take per-test parameters. */
class ExtensionScopeTest {

    @Test
    void nestedClass_inheritsTheHarness_fromItsEnclosingClass() {
        EngineRuns.run(Outer.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Test
    void perTestParameterInConstructor_failsSayingWhereToDeclareIt() {
        EngineExecutionResults r = EngineRuns.run(ConstructorParameter.class);

        String message = EngineRuns.failures(r).get(0).getMessage();
        assertTrue(message.contains("Faults exists per test: declare it as a parameter of the test method or of a "
                + "@BeforeEach/@AfterEach method"), message);
    }

    @Test
    void annotationOnOneMethod_appliesToThatMethodOnly() {
        EngineRuns.run(MethodLevel.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Fixture
    @LlmRetryTest(config = "retry-two-endpoints.yaml")
    static class Outer {
        @Test
        void outer(VirtualClock clock) {
            assertSame(clock, LlmRuntime.get().time());
        }

        @Nested
        class Inner {
            @Test
            void inner(VirtualClock clock, Faults faults, RecordedEvents events) {
                assertSame(clock, LlmRuntime.get().time());
                faults.on("iag").fail(503);
                Driver.chat();
                events.assertThat().circuitOpened("iag"); // threshold 1: the enclosing class's configuration
            }
        }
    }

    @Fixture
    @LlmRetryTest
    static class ConstructorParameter {
        ConstructorParameter(Faults faults) {
        }

        @Test
        void never() {
        }
    }

    @Fixture
    static class MethodLevel {
        @Test
        @LlmRetryTest
        void harnessed(VirtualClock clock) {
            assertSame(clock, LlmRuntime.get().time());
        }

        @Test
        void plain() {
            assertTrue(!(LlmRuntime.get().time() instanceof VirtualClock));
        }
    }
}
