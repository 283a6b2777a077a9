package dev.llmretry.testing;

import dev.llmretry.testing.server.IncomingRequest;
import dev.llmretry.testing.server.Json;
import java.util.List;
import java.util.Map;

/**
 * A request received by a {@link FakeLlmServer}, as the server saw it. Immutable and thread-safe.
 *
 * <pre>{@code
 * RecordedRequest request = server.lastRequest();
 * assertEquals("Bearer sk-test", request.header("authorization"));
 * assertTrue(request.stream());
 * assertEquals("What is the capital of France?", request.lastUserMessage());
 * }</pre>
 */
public final class RecordedRequest {

    private final int sequence;
    private final IncomingRequest request;
    private final Map<?, ?> json; // null when the body is not a JSON object

    private RecordedRequest(int sequence, IncomingRequest request, Map<?, ?> json) {
        this.sequence = sequence;
        this.request = request;
        this.json = json;
    }

    static RecordedRequest of(int sequence, IncomingRequest request) {
        Map<?, ?> json = null;
        String body = request.bodyText();
        if (!body.isBlank()) {
            try {
                Object parsed = Json.parse(body);
                json = parsed instanceof Map<?, ?> map ? map : null;
            } catch (IllegalArgumentException notJson) {
                // recorded as-is; the chat endpoint answers 400 if nothing was scripted
            }
        }
        return new RecordedRequest(sequence, request, json);
    }

    /** Arrival order since the server started or was last reset, starting at 1. */
    public int sequence() {
        return sequence;
    }

    /** The HTTP method, e.g. {@code POST}. */
    public String method() {
        return request.method();
    }

    /** The path without query string, e.g. {@code /v1/chat/completions}. */
    public String path() {
        return request.path();
    }

    /** All headers; the map looks names up case-insensitively. */
    public Map<String, List<String>> headers() {
        return request.headers();
    }

    /** The first value of header {@code name} (any case), or {@code null} when absent. */
    public String header(String name) {
        return request.header(name);
    }

    /** The body as text (UTF-8); empty when there was none. */
    public String body() {
        return request.bodyText();
    }

    /** Whether the body asked for a streamed answer ({@code "stream": true}). */
    public boolean stream() {
        return json != null && Boolean.TRUE.equals(json.get("stream"));
    }

    /** The {@code model} field of the body, or {@code null}. */
    public String model() {
        return json != null && json.get("model") instanceof String model ? model : null;
    }

    /** The text of the last {@code user} message in the body, or {@code null} if there is none. */
    public String lastUserMessage() {
        if (json == null || !(json.get("messages") instanceof List<?> messages)) {
            return null;
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof Map<?, ?> message && "user".equals(message.get("role"))) {
                return text(message.get("content"));
            }
        }
        return null;
    }

    boolean jsonObject() {
        return json != null;
    }

    /** Approximate token count of every message, for the {@code usage} block: one token per word. */
    int promptWords() {
        if (json == null || !(json.get("messages") instanceof List<?> messages)) {
            return 0;
        }
        int words = 0;
        for (Object message : messages) {
            if (message instanceof Map<?, ?> map) {
                String text = text(map.get("content"));
                words += text == null || text.isBlank() ? 0 : text.trim().split("\\s+").length;
            }
        }
        return words;
    }

    @Override
    public String toString() {
        return "RecordedRequest#" + sequence + "[" + method() + " " + request.target() + (stream() ? " stream" : "") + "]";
    }

    /** Content is a string, or (vision-style) a list of parts whose {@code text} parts are joined. */
    private static String text(Object content) {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof List<?> parts) {
            StringBuilder joined = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof Map<?, ?> map && map.get("text") instanceof String text) {
                    joined.append(joined.length() == 0 ? "" : "\n").append(text);
                }
            }
            return joined.toString();
        }
        return null;
    }
}
