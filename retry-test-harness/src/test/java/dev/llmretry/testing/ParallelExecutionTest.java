package dev.llmretry.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llmretry.internal.exec.LlmRuntime;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With JUnit's parallel execution on, harness tests (annotated or registered) never overlap, since the runtime is
 * process-global, while plain tests still run side by side. Each fixture test waits a little for company: plain
 * tests find it, harness tests must not.
 */
class ParallelExecutionTest {
    static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

    static final AtomicInteger harnessInside = new AtomicInteger();
    static final AtomicInteger harnessMost = new AtomicInteger();
    static final AtomicInteger plainInside = new AtomicInteger();
    static final AtomicInteger plainMost = new AtomicInteger();

    @Test
    void parallelExecution_harnessTestsRunOneAtATime_plainTestsOverlap() {
        harnessMost.set(0);
        plainMost.set(0);

        EngineRuns.run(PARALLEL, AnnotatedA.class, AnnotatedB.class, RegisteredWithoutLock.class, Plain.class)
                .testEvents().assertStatistics(s -> s.started(7).succeeded(7));

        assertEquals(1, harnessMost.get(), "harness tests overlapped");
        assertEquals(2, plainMost.get(), "plain tests did not run in parallel, so this test proves nothing");
    }

    /** Counts itself in, waits up to {@code patience} until some test has seen company, counts itself out. */
    static void waitForCompany(AtomicInteger inside, AtomicInteger most, Duration patience) {
        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
        try {
            await().pollInterval(Duration.ofMillis(5)).atMost(patience).until(() -> most.get() >= 2);
        } catch (ConditionTimeoutException alone) {
            // expected for harness tests
        } finally {
            inside.decrementAndGet();
        }
    }

    static void harnessTest(VirtualClock clock, Faults faults) {
        faults.on("iag").fail(503);
        waitForCompany(harnessInside, harnessMost, Duration.ofMillis(200));
        Driver.chat();
        assertSame(clock, LlmRuntime.get().time(), "another test replaced this test's clock");
    }

    @Fixture
    @LlmRetryTest
    static class AnnotatedA {
        @Test
        void first(VirtualClock clock, Faults faults) {
            harnessTest(clock, faults);
        }

        @Test
        void second(VirtualClock clock, Faults faults) {
            harnessTest(clock, faults);
        }
    }

    @Fixture
    @LlmRetryTest
    static class AnnotatedB {
        @Test
        void first(VirtualClock clock, Faults faults) {
            harnessTest(clock, faults);
        }

        @Test
        void second(VirtualClock clock, Faults faults) {
            harnessTest(clock, faults);
        }
    }

    /** No resource lock: the extension itself waits for the runtime. */
    @Fixture
    static class RegisteredWithoutLock {
        @RegisterExtension
        static LlmRetryExtension llm = LlmRetryExtension.builder().build();

        @Test
        void registered(VirtualClock clock, Faults faults) {
            harnessTest(clock, faults);
        }
    }

    @Fixture
    static class Plain {
        @Test
        void one() {
            waitForCompany(plainInside, plainMost, Duration.ofSeconds(20));
        }

        @Test
        void two() {
            waitForCompany(plainInside, plainMost, Duration.ofSeconds(20));
        }
    }
}
