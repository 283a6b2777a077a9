package dev.llmretry.examples;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The little JSON the chat client needs: the OpenAI chat request body, and the assistant text of a completion or of
 * a streamed chunk. Parsing uses SnakeYAML's safe loader (JSON is YAML), which the library already brings; a real
 * application would use its own JSON library. Thread-safe.
 */
final class OpenAiJson {
    private OpenAiJson() {
    }

    /** {@code {"model":..., "stream":..., "messages":[system, user]}}. */
    static String chatRequest(String model, String question, boolean stream) {
        return "{\"model\":" + quote(model) + ",\"stream\":" + stream + ",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are a helpful assistant. Answer briefly.\"},"
                + "{\"role\":\"user\",\"content\":" + quote(question) + "}]}";
    }

    /** {@code choices[0].message.content} of a chat completion. */
    static String messageContent(String json) {
        Object content = firstChoice(json).get("message") instanceof Map<?, ?> m ? m.get("content") : null;
        if (!(content instanceof String text)) throw new IllegalStateException("no message content in: " + json);
        return text;
    }

    /** {@code choices[0].delta.content} of a streamed chunk, or null (role-only and final chunks have none). */
    static String deltaContent(String json) {
        Object content = firstChoice(json).get("delta") instanceof Map<?, ?> d ? d.get("content") : null;
        return content instanceof String text ? text : null;
    }

    private static Map<?, ?> firstChoice(String json) {
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
        if (parsed instanceof Map<?, ?> map && map.get("choices") instanceof List<?> choices && !choices.isEmpty()
                && choices.get(0) instanceof Map<?, ?> first) {
            return first;
        }
        return Map.of();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
