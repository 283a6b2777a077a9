package dev.llmretry.examples;

import dev.llmretry.testing.FakeResponse;

/**
 * The seeds' scenario: iag is down. Three 504s with growing waits open its circuit, the call fails over to oneapi,
 * later calls skip iag without sending it anything, and once iag is back and the recovery time has passed, one
 * trial call probes it and closes the circuit.
 */
final class OutageScenario implements Scenario {
    @Override
    public String name() { return "outage"; }

    @Override
    public String shows() {
        return "iag is down: retries, its circuit opens, failover to oneapi, iag skipped, then probed and "
                + "recovered";
    }

    @Override
    public void run(ScenarioContext ctx) throws InterruptedException {
        ctx.server("iag").always(FakeResponse.status(504));
        ctx.ask("What is the capital of France?");
        ctx.note("iag's circuit is open: the next calls go straight to oneapi, iag gets no request");
        ctx.ask("What is the capital of Italy?");
        ctx.ask("What is the capital of Spain?");
        ctx.heal("iag");
        ctx.note("iag is back up, but its circuit stays open until the recovery time has passed");
        ctx.waitFor("recovery time of iag's circuit", ctx.timings().recovery().plusMillis(100));
        ctx.ask("What is the capital of Portugal?");
        ctx.ask("What is the capital of Greece?");
    }
}
