package dev.llmretry.langchain4j;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.llmretry.testing.FakeLlmServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Real LangChain4j OpenAI models pointed at FakeLlmServers, built as the docs say: without their own retries. */
final class Models {
    private Models() {}

    static OpenAiChatModel chat(FakeLlmServer server, ChatModelListener... listeners) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test-" + server.name())
                .modelName("gpt-4o-mini").maxRetries(0).timeout(Duration.ofSeconds(20))
                .listeners(List.of(listeners)).build();
    }

    static OpenAiStreamingChatModel streaming(FakeLlmServer server, ChatModelListener... listeners) {
        return OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test-" + server.name())
                .modelName("gpt-4o-mini").timeout(Duration.ofSeconds(20))
                .listeners(List.of(listeners)).build();
    }

    /** A ChatModelListener that writes down what it saw: "request", "response", "error:SimpleClassName". */
    static final class Recording implements ChatModelListener {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override public void onRequest(ChatModelRequestContext context) { seen.add("request"); }

        @Override public void onResponse(ChatModelResponseContext context) { seen.add("response"); }

        @Override public void onError(ChatModelErrorContext context) {
            seen.add("error:" + context.error().getClass().getSimpleName());
        }

        /**
         * Whether an attempt is under way: the last thing seen was a request. (After a cut stream LangChain4j reports
         * the error and then an empty response too, so counting would not work.)
         */
        boolean inFlight() {
            return !seen.isEmpty() && seen.get(seen.size() - 1).equals("request");
        }
    }
}
