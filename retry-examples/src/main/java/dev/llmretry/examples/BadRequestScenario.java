package dev.llmretry.examples;

import dev.llmretry.testing.FakeResponse;

/** A 400 is the caller's mistake: the library rethrows it at once, without retry or failover. */
final class BadRequestScenario implements Scenario {
    @Override
    public String name() { return "bad-request"; }

    @Override
    public String shows() {
        return "a 400 Bad Request fails at once: no retry, no failover, the request is sent exactly once";
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.server("iag").enqueue(FakeResponse.badRequest("Invalid value for 'temperature': must be <= 2."));
        ctx.ask("Tell me a story (sent with temperature 7).");
        ctx.note("the 400 was not counted against iag: the next question goes to iag as usual");
        ctx.ask("Tell me a story.");
    }
}
