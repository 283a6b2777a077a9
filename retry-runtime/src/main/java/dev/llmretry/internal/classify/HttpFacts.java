package dev.llmretry.internal.classify;

import dev.llmretry.LlmHttpException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one failure says about the HTTP exchange behind it: the status and the exception that carried it, its
 * headers, error code and type, and the body text. Read from the first throwable in the cause chain that has a
 * status: our {@link LlmHttpException}, or reflectively any SDK exception (research llm-errors.md §10). One instance
 * per classification; not thread-safe (it computes the lower-cased text and the parsed body lazily).
 */
final class HttpFacts {
    private static final int MAX_TEXT = 16 * 1024;
    /** Spring AI's messages: {@code "429 - {body}"} (RetryUtils) or {@code "HTTP 429 - {body}"} (auto-configuration). */
    private static final Pattern SPRING_AI_MESSAGE = Pattern.compile("^(?:HTTP )?(\\d{3}) - ");

    /** 100..999, or -1 when the carrier's status is out of range (a user's {@code LlmHttpException(0, ...)}). */
    final int status;
    final Throwable carrier;
    final String body;
    private final Object headers;
    private final String accessorCode;
    private final String accessorType;
    /** What to parse for code and type when the SDK has no accessors for them: a body String or Map, or null. */
    private final Object parseSource;
    private ErrorBody parsed;
    private String text;
    private String lowerText;

    private HttpFacts(int status, Throwable carrier, Object headers, String accessorCode, String accessorType,
                      Object parseSource, String body) {
        this.status = status >= 100 && status <= 999 ? status : -1;
        this.carrier = carrier;
        this.headers = headers;
        this.accessorCode = accessorCode;
        this.accessorType = accessorType;
        this.parseSource = parseSource;
        this.body = body == null || body.length() <= MAX_TEXT ? body : body.substring(0, MAX_TEXT);
    }

    /** The facts of the first throwable in {@code chain} that carries an HTTP status; null when none does. */
    static HttpFacts read(Throwable[] chain) {
        for (Throwable t : chain) {
            HttpFacts facts = readOne(t);
            if (facts != null) return facts;
        }
        return null;
    }

    /** First value of a response header (case-insensitive), or null. */
    String header(String name) {
        if (carrier instanceof LlmHttpException e) return e.header(name);
        return Reflect.header(headers, name);
    }

    /** Body and message (when the message adds something), for marker matching and body hints; never null. */
    String text() {
        if (text == null) {
            String message = message(carrier);
            String t = body == null ? message : message == null || body.contains(message) ? body : body + "\n" + message;
            text = t == null ? "" : t;
        }
        return text;
    }

    /** {@link #text()}, lower-cased. */
    String lowerText() {
        if (lowerText == null) lowerText = text().toLowerCase(Locale.ROOT);
        return lowerText;
    }

    /** The error code: from the SDK's accessor, else parsed from the body (lazily: most rows never need it). */
    String code() {
        return hasAccessors() ? accessorCode : parsed().code();
    }

    /** The error type (Anthropic's {@code errorType()}, Google's {@code status()}, {@code error.type}...). */
    String type() {
        if (hasAccessors()) return accessorType;
        ErrorBody p = parsed();
        return p.type() != null ? p.type() : p.status();
    }

    /** The provider's own message ({@code error.message} of the body), or null. */
    String errorMessage() {
        return parsed().message();
    }

    /** Whether the code or the type equals {@code value}, ignoring case. */
    boolean hasCode(String value) {
        return value.equalsIgnoreCase(code()) || value.equalsIgnoreCase(type());
    }

    /**
     * Like {@link #hasCode} but without parsing the body: for the markers, whose search of the body text already
     * finds any code written in it.
     */
    boolean hasAccessorCode(String value) {
        return value.equalsIgnoreCase(accessorCode) || value.equalsIgnoreCase(accessorType);
    }

    private boolean hasAccessors() {
        return accessorCode != null || accessorType != null;
    }

    private ErrorBody parsed() {
        if (parsed == null) {
            parsed = parseSource instanceof Map<?, ?> map ? ErrorBody.of(map)
                    : parseSource instanceof String s ? ErrorBody.parse(s) : ErrorBody.NONE;
        }
        return parsed;
    }

    private static HttpFacts readOne(Throwable t) {
        if (t instanceof LlmHttpException e) {
            return new HttpFacts(e.status(), e, null, null, null, e.body(), e.body());
        }
        SdkAccessors accessors = SdkAccessors.of(t.getClass());
        if (accessors.springAiMessage) return springAi(t);
        int status = accessors.status(t);
        Object headers = null;
        if (status < 0) {
            Object response = Reflect.call(accessors.response, t); // Azure: getResponse().getStatusCode()
            if (response == null) return null;
            SdkAccessors responseAccessors = SdkAccessors.of(response.getClass());
            status = responseAccessors.status(response);
            if (status < 0) return null;
            headers = Reflect.call(responseAccessors.headers, response);
        } else {
            headers = Reflect.call(accessors.headers, t);
        }
        Object bodyValue = accessors.body(t);
        String body = text(bodyValue);
        Object parseSource = bodyValue instanceof Map ? bodyValue : body != null ? body : message(t);
        return new HttpFacts(status, t, headers, accessors.code(t), accessors.type(t), parseSource, body);
    }

    private static HttpFacts springAi(Throwable t) {
        String message = message(t);
        if (message == null) return null;
        Matcher m = SPRING_AI_MESSAGE.matcher(message);
        if (!m.find()) return null;
        String body = message.substring(m.end());
        return new HttpFacts(Integer.parseInt(m.group(1)), t, null, null, null, body, body);
    }

    private static String text(Object value) {
        if (value == null) return null;
        try {
            String s = value.toString();
            return s == null || s.isBlank() ? null : s;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String message(Throwable t) {
        try {
            String m = t.getMessage();
            return m == null || m.length() <= MAX_TEXT ? m : m.substring(0, MAX_TEXT);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
