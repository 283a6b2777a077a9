package dev.llmretry.testing;

import static dev.llmretry.testing.server.Json.quote;

/** JSON bodies in the shapes of OpenAI's chat completions API, written by hand. Stateless. */
final class OpenAiBodies {

    private OpenAiBodies() {
    }

    /** {@code {"error":{"message":...,"type":...,"param":...,"code":...}}}. */
    static String error(String message, String type, String param, String code) {
        return "{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type)
                + ",\"param\":" + quote(param) + ",\"code\":" + quote(code) + "}}";
    }

    /** A complete, non-streamed {@code chat.completion}. */
    static String completion(String id, long created, String model, String content, int promptTokens, int completionTokens) {
        return "{\"id\":" + quote(id) + ",\"object\":\"chat.completion\",\"created\":" + created
                + ",\"model\":" + quote(model)
                + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quote(content)
                + ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}]"
                + ",\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}}";
    }

    /** One streamed {@code chat.completion.chunk} carrying {@code content}; the first one also carries the role. */
    static String contentChunk(String id, long created, String model, String content, boolean first) {
        String delta = (first ? "{\"role\":\"assistant\",\"content\":" : "{\"content\":") + quote(content) + "}";
        return chunk(id, created, model, delta, "null");
    }

    /** The last chunk of a complete stream: empty delta, {@code finish_reason} {@code stop}. */
    static String finishChunk(String id, long created, String model) {
        return chunk(id, created, model, "{}", "\"stop\"");
    }

    /** {@code GET /v1/models}: a one-model list. */
    static String models(String model, String owner, long created) {
        return "{\"object\":\"list\",\"data\":[{\"id\":" + quote(model) + ",\"object\":\"model\",\"created\":" + created
                + ",\"owned_by\":" + quote(owner) + "}]}";
    }

    private static String chunk(String id, long created, String model, String delta, String finishReason) {
        return "{\"id\":" + quote(id) + ",\"object\":\"chat.completion.chunk\",\"created\":" + created
                + ",\"model\":" + quote(model) + ",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}]}";
    }
}
