package dev.llmretry.internal.classify;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The machine-readable parts of an LLM provider's JSON error body: {@code error.code}, {@code error.type},
 * {@code error.status} (Google) and {@code error.message}. Parsing never throws: garbage, truncated JSON, HTML error
 * pages and empty bodies all give {@link #NONE}. The JSON may be preceded by text ({@code "HTTP 429 - {...}"}, as in
 * Spring AI messages) and may be wrapped in an array (Gemini streaming). Immutable and thread-safe.
 *
 * <pre>{@code
 * ErrorBody body = ErrorBody.parse("{\"error\":{\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}");
 * body.errorCode(); // "insufficient_quota"
 * }</pre>
 */
public final class ErrorBody {
    /** Nothing usable was found. */
    public static final ErrorBody NONE = new ErrorBody(null, null, null, null);

    /** Longer bodies are not parsed (their text is still matched for markers by the classifier). */
    static final int MAX_PARSED_CHARS = 64 * 1024;

    private final String code;
    private final String type;
    private final String status;
    private final String message;

    private ErrorBody(String code, String type, String status, String message) {
        this.code = code;
        this.type = type;
        this.status = status;
        this.message = message;
    }

    /** Parses the first JSON object or array found in {@code text}; {@link #NONE} when there is none. */
    public static ErrorBody parse(CharSequence text) {
        return text == null ? NONE : of(parseJson(text));
    }

    /** Reads an already parsed body: a {@code Map} (or a list whose first element is one), as SDKs sometimes hold. */
    static ErrorBody of(Object root) {
        if (root instanceof List<?> list && !list.isEmpty()) root = list.get(0);
        if (!(root instanceof Map<?, ?> map)) return NONE;
        Object error = map.get("error");
        String code = null, type = null, status = null, message = null;
        if (error instanceof Map<?, ?> e) {
            code = string(e.get("code"));
            if (code == null && e.get("details") instanceof Map<?, ?> details) code = string(details.get("error_code"));
            type = string(e.get("type"));
            status = string(e.get("status"));
            message = text(e.get("message"));
        } else {
            message = text(error);
        }
        if (code == null) code = string(map.get("code"));
        if (type == null) type = string(map.get("type"));
        if ("error".equals(type) && error != null) type = null; // Anthropic's envelope says only "this is an error"
        if (message == null) message = text(map.get("message"));
        if (code == null && type == null && status == null && message == null) return NONE;
        return new ErrorBody(code, type, status, message);
    }

    /** {@code error.code} (or Anthropic's {@code error.details.error_code}, or a top-level {@code code}); null if absent. */
    public String code() { return code; }

    /** {@code error.type}, else a top-level {@code type}; null if absent. */
    public String type() { return type; }

    /** Google's {@code error.status}, e.g. {@code RESOURCE_EXHAUSTED}; null if absent. */
    public String status() { return status; }

    /** {@code error.message} (at most 4000 characters, else null); null if absent. */
    public String message() { return message; }

    /** The most specific identifier: code, else type, else status; null if none. */
    public String errorCode() {
        return code != null ? code : type != null ? type : status;
    }

    @Override
    public String toString() {
        return "ErrorBody[code=" + code + ", type=" + type + ", status=" + status + "]";
    }

    private static String string(Object value) {
        return value instanceof String s && !s.isBlank() && s.length() <= 200 ? s : null;
    }

    /** A message: longer than a code may be (it is cut where it is shown), still bounded. */
    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() && s.length() <= 4000 ? s : null;
    }

    /** JSON is (nearly) YAML: SnakeYAML with the safe constructor and tight limits reads it without a JSON library. */
    private static Object parseJson(CharSequence text) {
        int start = -1;
        int end = -1;
        for (int i = 0, n = Math.min(text.length(), MAX_PARSED_CHARS); i < n; i++) {
            char c = text.charAt(i);
            if (start < 0 && (c == '{' || c == '[')) start = i;
            if (c == '}' || c == ']') end = i;
        }
        if (start < 0 || end <= start) return null;
        try {
            return newYaml().load(unescapeSlashes(text, start, end + 1));
        } catch (RuntimeException e) {
            return null; // not JSON after all; the caller falls back to text markers
        }
    }

    /** JSON allows {@code \/}, YAML 1.1 does not: replace it, leaving {@code \\} pairs intact. */
    private static String unescapeSlashes(CharSequence text, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < to) {
                char next = text.charAt(++i);
                if (next != '/') out.append(c);
                out.append(next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(32);
        options.setCodePointLimit(MAX_PARSED_CHARS * 2);
        return new Yaml(new SafeConstructor(options));
    }
}
