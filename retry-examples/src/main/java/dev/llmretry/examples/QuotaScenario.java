package dev.llmretry.examples;

import dev.llmretry.testing.FakeResponse;

/** iag's quota is used up (429 insufficient_quota): waiting cannot help, so every call fails over at once. */
final class QuotaScenario implements Scenario {
    @Override
    public String name() { return "quota"; }

    @Override
    public String shows() {
        return "iag's quota is exhausted (429 insufficient_quota): immediate failover to oneapi, no retry,"
                + " no wait";
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.server("iag").always(FakeResponse.quotaExhausted());
        ctx.ask("Summarise the plot of Hamlet in one line.");
        ctx.ask("Summarise the plot of Macbeth in one line.");
    }
}
