package dev.llmretry;

import dev.llmretry.internal.classify.ErrorBody;
import dev.llmretry.internal.classify.FailureSummary;
import dev.llmretry.internal.config.UrlSecrets;
import dev.llmretry.internal.exec.Redactor;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A failed HTTP call to an LLM endpoint, thrown by your own HTTP code so that llm-retry can classify it exactly like
 * an SDK exception: by status, headers ({@code Retry-After}, {@code x-should-retry} ...) and the error code in the
 * JSON body. The message is {@code "<status> <reason phrase>: <body excerpt>"}; credential headers are masked
 * wherever headers are printed, and the body excerpt has API keys and bearer tokens masked (recognisable ones, and
 * those configured in retry.yaml once it is loaded), before it is cut. Immutable.
 *
 * <pre>{@code
 * HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
 * if (response.statusCode() >= 400) throw LlmHttpException.from(response);
 * // or: throw new LlmHttpException(429, Map.of("retry-after", List.of("2")), body);
 * }</pre>
 */
public class LlmHttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int EXCERPT_CHARS = 200;
    private static final int MASK_MARGIN = 300;
    private static final Pattern SECRETS = Pattern.compile(
            "(?i)(bearer\\s+|\\bsk-(?:ant-|proj-)?|api[_-]?key[\"'=:\\s]+|\\bkey=)[A-Za-z0-9._~+/=-]{6,}");

    private final int status;
    private final Headers headers;
    private final String body;
    private transient volatile ErrorBody parsed;

    /**
     * @param status  the HTTP status code
     * @param headers the response headers (names in any case); null for none
     * @param body    the response body; null for none
     */
    public LlmHttpException(int status, Map<String, List<String>> headers, String body) {
        this(status, headers, body, null, null);
    }

    /** As {@link #LlmHttpException(int, Map, String)}, with the exception that caused it. */
    public LlmHttpException(int status, Map<String, List<String>> headers, String body, Throwable cause) {
        this(status, headers, body, cause, null);
    }

    private LlmHttpException(int status, Map<String, List<String>> headers, String body, Throwable cause,
                             String endpoint) {
        super(message(status, body, endpoint), cause);
        this.status = status;
        this.headers = new Headers(headers);
        this.body = body == null ? "" : body;
    }

    /**
     * The exception for a response of {@link java.net.http.HttpClient}; the message names the request's method and
     * URL without its query string or user-info (either may hold an API key).
     */
    public static LlmHttpException from(HttpResponse<String> response) {
        Objects.requireNonNull(response, "response");
        return from(response, response.body());
    }

    /**
     * From a response whose body was not read as a string (a stream, lines, bytes): pass the error body read
     * separately, e.g. {@code LlmHttpException.from(response, String.join("\n", response.body().toList()))}.
     */
    public static LlmHttpException from(HttpResponse<?> response, String body) {
        Objects.requireNonNull(response, "response");
        String endpoint = null;
        if (response.request() != null) {
            URI uri = response.request().uri();
            // scheme, host, port and path only: the query and user-info may hold credentials
            endpoint = response.request().method() + " " + uri.getScheme() + "://" + uri.getHost()
                    + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + (uri.getRawPath() == null ? "" : uri.getRawPath());
        }
        return new LlmHttpException(response.statusCode(), response.headers().map(), body, null, endpoint);
    }

    /** The HTTP status code. */
    public int status() { return status; }

    /** The response headers: unmodifiable, looked up case-insensitively; credentials are masked in its toString. */
    public Map<String, List<String>> headers() { return headers; }

    /** The first value of a response header (case-insensitive), or null. */
    public String header(String name) {
        List<String> values = name == null ? null : headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The response body; empty when there was none. */
    public String body() { return body; }

    /**
     * The provider's error code from a JSON body: {@code error.code}, else {@code error.type}, else a top-level
     * {@code type} (see {@link ErrorBody#errorCode()}); null when the body has none or is not JSON. Parsed once.
     */
    public String errorCode() {
        ErrorBody p = parsed;
        if (p == null) parsed = p = ErrorBody.parse(body);
        return p.errorCode();
    }

    private static String message(int status, String body, String endpoint) {
        StringBuilder m = new StringBuilder(64).append(status).append(' ').append(reasonPhrase(status));
        if (endpoint != null) m.append(" from ").append(endpoint);
        String excerpt = excerpt(body);
        if (!excerpt.isEmpty()) m.append(": ").append(excerpt);
        return m.toString();
    }

    /**
     * The body's start with whitespace runs collapsed, secrets masked, then cut on a word boundary. Only what can be
     * shown is copied (a 10 MB body costs as much as a short one), with a margin so that a secret starting before
     * the cut is masked whole before the text is cut.
     */
    private static String excerpt(String body) {
        if (body == null) return "";
        int limit = EXCERPT_CHARS + MASK_MARGIN;
        StringBuilder flat = new StringBuilder(Math.min(body.length(), limit));
        boolean space = false;
        boolean more = false;
        for (int i = 0, n = body.length(); i < n; i++) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                space = flat.length() > 0;
                continue;
            }
            if (flat.length() >= limit) {
                more = true;
                break;
            }
            if (space) {
                flat.append(' ');
                space = false;
            }
            flat.append(c);
        }
        String masked = Redactor.installed().mask(UrlSecrets.mask(SECRETS.matcher(flat).replaceAll("$1***")));
        if (!more && masked.length() <= EXCERPT_CHARS) return masked;
        return FailureSummary.cutAtWord(masked, EXCERPT_CHARS) + "...";
    }

    static String reasonPhrase(int status) {
        return FailureSummary.reasonPhrase(status);
    }

    /** Unmodifiable, case-insensitive headers whose toString masks credentials. */
    private static final class Headers extends AbstractMap<String, List<String>> implements Serializable {
        private static final long serialVersionUID = 1L;
        private static final Set<String> SENSITIVE = Set.of("authorization", "proxy-authorization", "api-key",
                "x-api-key", "x-goog-api-key", "cookie", "set-cookie", "ocp-apim-subscription-key");
        private final TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Headers(Map<String, List<String>> source) {
            if (source == null) return;
            source.forEach((name, values) -> {
                if (name == null) return;
                List<String> copy = values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
                map.merge(name, copy, Headers::concat);
            });
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }

        @Override
        public Set<Entry<String, List<String>>> entrySet() {
            return Collections.unmodifiableMap(map).entrySet();
        }

        @Override
        public List<String> get(Object key) {
            return key instanceof String ? map.get(key) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String && map.containsKey(key);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("{");
            map.forEach((name, values) -> {
                if (s.length() > 1) s.append(", ");
                s.append(name).append('=').append(isSensitive(name) ? "[***]" : values);
            });
            return s.append('}').toString();
        }

        private static boolean isSensitive(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            return SENSITIVE.contains(n) || n.endsWith("-api-key") || n.contains("secret") || n.endsWith("-token");
        }
    }
}
