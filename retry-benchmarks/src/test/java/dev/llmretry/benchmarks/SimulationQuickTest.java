package dev.llmretry.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.benchmarks.sim.ClientKind;
import dev.llmretry.benchmarks.sim.Outcome;
import dev.llmretry.benchmarks.sim.Scenario;
import dev.llmretry.benchmarks.sim.Scenarios;
import dev.llmretry.benchmarks.sim.Simulation;
import dev.llmretry.benchmarks.sim.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quick mode of the outcome simulation, with issue 13's targets as assertions. Everything asserted is a count or
 * a virtual duration from a seeded run, never a wall-clock time. docs/benchmarks.md has the full-length tables.
 */
class SimulationQuickTest {
    private static final long SEED = 42;
    private static final double RECOVERY_SECONDS = 120;
    private static final double ERROR_MS = World.ERROR_NANOS / 1e6;

    /** (i) 15% random failures: at least 99.99% answered, never fewer than plain retry x6, at 1, 10 and 100 calls/s. */
    @ParameterizedTest
    @ValueSource(doubles = {1, 10, 100})
    void randomFailures_llmRetry_answersAtLeastAsOftenAsPlainRetry(double rate) {
        Scenario sc = Scenarios.randomFailures(rate, true);
        Outcome llm = Simulation.run(sc, ClientKind.LLM_RETRY, SEED);
        Outcome plain = Simulation.run(sc, ClientKind.PLAIN_RETRY_6, SEED);
        assertTrue(llm.successRate() >= 0.9999, "answered " + llm.successRate());
        assertTrue(llm.answered() >= plain.answered(), llm.answered() + " < plain retry's " + plain.answered());
    }

    /** (ii) correlated overload: at least 99.9% answered, more than every single-endpoint baseline. */
    @Test
    void correlatedOverload_llmRetry_answersAtLeast999PerMille() {
        Scenario sc = Scenarios.correlatedOverload(10, true);
        Outcome llm = Simulation.run(sc, ClientKind.LLM_RETRY, SEED);
        assertTrue(llm.successRate() >= 0.999, "answered " + llm.successRate());
        for (ClientKind k : new ClientKind[] {ClientKind.NO_RESILIENCE, ClientKind.PLAIN_RETRY_6, ClientKind.RESILIENCE4J}) {
            Outcome other = Simulation.run(sc, k, SEED);
            assertTrue(llm.answered() > other.answered(), k + " answered " + other.answered() + " >= " + llm.answered());
        }
    }

    /** (iii) a dead primary: every call answered, no wait once isolated, at most one request per recovery period. */
    @ParameterizedTest
    @ValueSource(doubles = {1, 10})
    void primaryDown_llmRetry_settledCallsWaitNothing_andProbeAtMostOncePerRecoveryPeriod(double rate) {
        Outcome o = Simulation.run(Scenarios.primaryDown(rate), ClientKind.LLM_RETRY, SEED);
        assertEquals(o.calls(), o.answered());
        assertTrue(o.settledMaxWaitMs() <= ERROR_MS, "a settled call waited " + o.settledMaxWaitMs() + " ms");
        assertTrue(o.settledProbes() <= Math.ceil(o.settledSeconds() / RECOVERY_SECONDS), "probes: " + o.settledProbes());
        assertTrue(o.reuseAfterSec() >= 0 && o.reuseAfterSec() <= RECOVERY_SECONDS, "reuse after " + o.reuseAfterSec());
    }

    @Test
    void quotaExhausted_llmRetry_failsOverAndOnlyProbesThePrimary() {
        Scenario sc = Scenarios.quotaExhausted(1);
        Outcome o = Simulation.run(sc, ClientKind.LLM_RETRY, SEED);
        assertEquals(o.calls(), o.answered());
        assertTrue(o.sentWhileDown() <= 3 + sc.horizonNanos() / 1e9 / RECOVERY_SECONDS, "sent " + o.sentWhileDown());
    }

    /**
     * (v) a total outage: never fewer answered than no resilience at one call a second, the first endpoint back
     * answers within 2 s, at most 1.1 requests per call while everything is down.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1, 10})
    void allDown_llmRetry_noticesTheEndWithinTwoSeconds_withAtMostOnePointOneRequestsPerCall(double rate) {
        Scenario sc = Scenarios.allDown(rate);
        Outcome o = Simulation.run(sc, ClientKind.LLM_RETRY, SEED);
        assertTrue(o.settledPerCall() <= 1.1, "requests per call " + o.settledPerCall());
        assertTrue(o.firstAnswerAfterSec() >= 0 && o.firstAnswerAfterSec() <= 2, "first answer after " + o.firstAnswerAfterSec());
        // no backoff wait while everything is down: a call takes at most one error answer per endpoint
        assertTrue(o.settledMaxWaitMs() <= 3 * ERROR_MS, "a call waited " + o.settledMaxWaitMs() + " ms although every circuit was open");
        if (rate == 1) {
            Outcome none = Simulation.run(sc, ClientKind.NO_RESILIENCE, SEED);
            assertTrue(o.answered() >= none.answered(), o.answered() + " < " + none.answered());
        }
    }

    /** (vi) a spike: every call answered, the primary healthy within 30 s, never loaded more than by plain retry. */
    @Test
    void capacitySpike_llmRetry_primaryHealthyWithin30s_andNeverLoadedMoreThanPlainRetry() {
        Scenario sc = Scenarios.capacitySpike(1);
        Outcome llm = Simulation.run(sc, ClientKind.LLM_RETRY, SEED);
        Outcome plain = Simulation.run(sc, ClientKind.PLAIN_RETRY_6, SEED);
        assertEquals(llm.calls(), llm.answered());
        assertTrue(llm.healthyAfterSec() >= 0 && llm.healthyAfterSec() <= 30, "healthy after " + llm.healthyAfterSec());
        assertTrue(llm.peakPrimaryPerSec() <= plain.peakPrimaryPerSec(), llm.peakPrimaryPerSec() + " > " + plain.peakPrimaryPerSec());
        assertTrue(llm.primaryLoad() <= plain.primaryLoad(), llm.primaryLoad() + " > " + plain.primaryLoad());
    }

    /** (vii) a hanging primary: the attempt timeout ends hung attempts, every call is answered. */
    @Test
    void primaryHangs_llmRetry_everyCallAnswered_settledCallsNeverMeetTheHang() {
        Outcome o = Simulation.run(Scenarios.primaryHangs(10), ClientKind.LLM_RETRY, SEED);
        assertEquals(o.calls(), o.answered());
        assertTrue(o.settledPerCall() <= 1.01, "requests per settled call " + o.settledPerCall());
    }

    /** (viii) every endpoint overloaded: the budget keeps amplification at or under 1.3 where it binds. */
    @ParameterizedTest
    @ValueSource(doubles = {10, 100})
    void everyEndpointOverloaded_budgetKeepsAmplificationUnder1point3(double rate) {
        Scenario sc = Scenarios.everyEndpointOverloaded(rate);
        Outcome withBudget = Simulation.run(sc, ClientKind.LLM_RETRY, SEED);
        assertTrue(withBudget.settledPerCall() <= 1.3, "requests per call during the overload " + withBudget.settledPerCall());
    }

    @Test
    void baselines_sendExactlyWhatTheirPolicySays() {
        Outcome none = Simulation.run(Scenarios.quotaExhausted(1), ClientKind.NO_RESILIENCE, SEED);
        Outcome plain = Simulation.run(Scenarios.quotaExhausted(1), ClientKind.PLAIN_RETRY_6, SEED);
        Outcome failover = Simulation.run(Scenarios.quotaExhausted(1), ClientKind.PLAIN_FAILOVER, SEED);
        assertEquals(0, none.answered());
        assertEquals(none.calls(), none.requests());
        assertEquals(6L * plain.calls(), plain.requests());
        assertEquals(5 * 200 + 6 * ERROR_MS, plain.p99AddedMs(), "five waits of 200 ms, six error answers");
        assertEquals(failover.calls(), failover.answered());
        assertEquals(2L * failover.calls(), failover.requests(), "the primary, then oneapi");
    }

    @Test
    void sameSeed_sameOutcome() {
        Scenario sc = Scenarios.randomFailures(10, true);
        assertEquals(Simulation.run(sc, ClientKind.LLM_RETRY, SEED), Simulation.run(sc, ClientKind.LLM_RETRY, SEED));
        assertEquals(Simulation.run(sc, ClientKind.LITELLM_ROUTER, SEED), Simulation.run(sc, ClientKind.LITELLM_ROUTER, SEED));
    }
}
