package dev.llmretry.testing.server;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One parsed HTTP/1.1 request as it arrived on the socket. Immutable and thread-safe.
 *
 * <pre>{@code
 * String auth = request.header("authorization");   // case-insensitive
 * }</pre>
 */
public final class IncomingRequest {

    private final String method;
    private final String target;
    private final String version;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    IncomingRequest(String method, String target, String version, Map<String, List<String>> headers, byte[] body) {
        this.method = method;
        this.target = target;
        this.version = version;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body;
    }

    /** The request method, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The path without the query string, e.g. {@code /v1/chat/completions}. */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** The request target as sent, query string included. */
    public String target() {
        return target;
    }

    /** Headers by name, looked up case-insensitively; values in arrival order. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of header {@code name} (any case), or {@code null} when absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body decoded as UTF-8 (empty when there was none). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the client asked for the connection to be closed after this exchange. */
    boolean wantsClose() {
        String connection = header("Connection");
        if (connection != null) {
            for (String token : connection.split(",")) {
                if (token.trim().equalsIgnoreCase("close")) {
                    return true;
                }
            }
        }
        return !"HTTP/1.1".equals(version);
    }
}
