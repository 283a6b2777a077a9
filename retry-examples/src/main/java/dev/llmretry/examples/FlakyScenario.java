package dev.llmretry.examples;

import dev.llmretry.testing.FakeResponse;

/**
 * iag answers 15% of requests with 504 (seeded, so every run is the same): retries hide it, every question is
 * answered.
 */
final class FlakyScenario implements Scenario {
    static final int QUESTIONS = 12;
    private static final long SEED = 7;

    @Override
    public String name() { return "flaky"; }

    @Override
    public String shows() {
        return "iag fails 15% of requests with 504: a quick retry hides each one, every question is "
                + "answered";
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.server("iag").failWithProbability(0.15, SEED, FakeResponse.status(504));
        for (int i = 1; i <= QUESTIONS; i++) ctx.ask("Question " + i + ": what is " + i + " squared?");
    }
}
