package dev.llmretry.examples;

import com.acme.ResilientAssistant;
import com.acme.ResilientAssistant.Assistant;
import dev.llmretry.testing.FakeResponse;

/**
 * The outage, a quota and a bad request through LangChain4j: three real {@code OpenAiChatModel}s behind one
 * {@code ResilientChatModel}, an {@code AiService} on top (docs/langchain4j.md). The same retry.yaml endpoints,
 * circuits and notifications as the woven ChatService.
 */
final class LangChain4jScenario implements Scenario {
    @Override
    public String name() { return "langchain4j"; }

    @Override
    public String shows() {
        return "a LangChain4j AiService over ResilientChatModel: retries, circuit, failover, quota, a 400 thrown "
                + "as LangChain4j's own exception";
    }

    @Override
    public void run(ScenarioContext ctx) {
        Assistant assistant = ResilientAssistant.create(ctx.server("iag").baseUrl(), ctx.server("oneapi").baseUrl(),
                ctx.server("litellm").baseUrl());
        ctx.server("iag").always(FakeResponse.status(504));
        ctx.note("three OpenAiChatModels (maxRetries 0) behind one ResilientChatModel; iag is down");
        ctx.ask("What is the capital of France?", assistant::chat);
        ctx.ask("What is the capital of Italy?", assistant::chat);
        ctx.server("oneapi").enqueue(FakeResponse.quotaExhausted());
        ctx.note("oneapi's quota runs out: failover to litellm at once, no retry");
        ctx.ask("What is the capital of Spain?", assistant::chat);
        ctx.server("oneapi").enqueue(FakeResponse.badRequest("'messages' must not be empty"));
        ctx.note("a bad request: LangChain4j's InvalidRequestException at once, sent once");
        ctx.ask("What is the capital of Portugal?", assistant::chat);
    }
}
