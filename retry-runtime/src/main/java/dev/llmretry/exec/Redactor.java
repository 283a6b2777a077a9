package dev.llmretry.exec;

import dev.llmretry.LlmHttpException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text before it reaches a log line, an event or the health report: every API key and proxy
 * password configured in retry.yaml, plus anything that looks like a bearer token, an {@code sk-...} key or an
 * {@code api-key=...}/{@code password: ...} pair. Immutable; thread-safe. Used on failure paths only.
 *
 * <pre>{@code
 * String line = redactor.summary(failure);   // "504 Gateway Timeout", "ConnectException: Connection refused"
 * }</pre>
 */
public final class Redactor {
    static final String MASK = "****";
    private static final int MAX_SUMMARY = 240;
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern SK_KEY = Pattern.compile("\\b(sk-(?:ant-)?)[A-Za-z0-9_-]{6,}");
    private static final Pattern PAIR = Pattern.compile(
            "(?i)((?:api[-_ ]?key|x-api-key|password|passwd|secret|token)[\"']?\\s*[:=]\\s*[\"']?)([^\\s\"',;&}]+)");

    private final List<String> secrets;

    public Redactor(List<String> secrets) {
        List<String> s = new ArrayList<>();
        for (String secret : secrets) if (secret != null && secret.length() >= 4) s.add(secret);
        s.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(s);
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    /** {@code text} with every known and every recognisable secret replaced by {@code ****}. */
    public String mask(String text) {
        if (text == null) return null;
        String out = text;
        for (String secret : secrets) out = out.replace(secret, MASK);
        out = BEARER.matcher(out).replaceAll("$1" + MASK);
        out = SK_KEY.matcher(out).replaceAll("$1" + MASK);
        Matcher m = PAIR.matcher(out);
        return m.find() ? m.replaceAll("$1" + MASK) : out;
    }

    /** One line for logs and events: {@code "504 Gateway Timeout"} or {@code "SimpleName: message"}, masked. */
    public String summary(Throwable t) {
        String message = t.getMessage();
        String text;
        if (t instanceof LlmHttpException) {
            text = message;
        } else {
            text = t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        }
        if (text == null) text = t.getClass().getSimpleName();
        int nl = text.indexOf('\n');
        if (nl >= 0) text = text.substring(0, nl);
        if (text.length() > MAX_SUMMARY) text = text.substring(0, MAX_SUMMARY) + "...";
        return mask(text);
    }
}
