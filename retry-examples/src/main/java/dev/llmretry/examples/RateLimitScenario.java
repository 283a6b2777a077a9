package dev.llmretry.examples;

import dev.llmretry.testing.FakeResponse;

/** iag rate-limits with a Retry-After longer than the backoff: the library waits exactly as long as asked. */
final class RateLimitScenario implements Scenario {
    @Override
    public String name() { return "rate-limit"; }

    @Override
    public String shows() {
        return "iag answers 429 with Retry-After: the retry waits as long as the server asked, then "
                + "succeeds";
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.server("iag").enqueue(FakeResponse.rateLimited(ctx.timings().retryAfter()));
        ctx.ask("Translate 'good morning' into German.");
    }
}
