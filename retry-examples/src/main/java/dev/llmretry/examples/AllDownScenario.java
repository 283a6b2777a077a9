package dev.llmretry.examples;

import dev.llmretry.testing.FakeResponse;

/**
 * Every endpoint answers 503: the first calls retry and fail over until every circuit is open and end critical;
 * after that calls fail fast with {@link dev.llmretry.EndpointsUnavailableException}, sending nothing.
 */
final class AllDownScenario implements Scenario {
    @Override
    public String name() { return "all-down"; }

    @Override
    public String shows() {
        return "all three endpoints down: retries and failovers end critical, then calls fail fast without"
                + " a request";
    }

    @Override
    public void run(ScenarioContext ctx) {
        for (String name : DemoServers.NAMES) ctx.server(name).always(FakeResponse.status(503));
        ctx.ask("Is anybody out there?");
        ctx.ask("Is anybody out there now?");
        ctx.note("every circuit is open now: the next call fails fast, without sending a request");
        ctx.ask("Still nobody?");
    }
}
