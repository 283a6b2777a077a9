package dev.llmretry.examples;

import dev.llmretry.testing.FakeResponse;

/**
 * Streaming: a failure before the first chunk is retried like any call; a stream that breaks mid-answer is not
 * (the reader already has part of it), so the reader sees the partial answer once and the library reports it.
 */
final class StreamCutScenario implements Scenario {
    static final String ANSWER = "Waves rise and fall, the patient sea keeps its time, salt on the cold wind.";
    static final int CUT_AFTER = 6;

    @Override
    public String name() { return "stream-cut"; }

    @Override
    public String shows() {
        return "streaming: retried until the first chunk arrives; cut mid-answer, the reader sees the part"
                + " once, not retried";
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.server("iag").enqueue(FakeResponse.dropConnection(),
                FakeResponse.ok(ANSWER).chunkInterval(ctx.timings().chunkInterval()));
        ctx.stream("Write a haiku about the sea.");
        ctx.server("iag").enqueue(FakeResponse.ok(ANSWER).chunkInterval(ctx.timings().chunkInterval())
                .streamCutAfter(CUT_AFTER));
        ctx.stream("Write another haiku about the sea.");
    }
}
