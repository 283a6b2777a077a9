package dev.llmretry.internal.exec;

import dev.llmretry.internal.classify.FailureSummary;
import dev.llmretry.internal.config.EndpointSettings;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.internal.config.UrlSecrets;
import dev.llmretry.store.StoreSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text before it reaches a log line, an event or the health report: every API key and proxy
 * password configured in retry.yaml (and keys in endpoint URLs' queries), plus anything that looks like a bearer
 * token, an {@code sk-...} key, an {@code api-key=...}/{@code password: ...} pair, URL user-info or a secret query
 * parameter ({@link UrlSecrets}). Text is always masked before it is cut, so a secret on the cut cannot survive in
 * part; a known secret already cut by someone else (its start before {@code ...} or at the end) is masked too.
 * Immutable; thread-safe. Used on failure paths only.
 *
 * <pre>{@code
 * String line = redactor.summary(failure);   // "504 Gateway Timeout", "ConnectException: Connection refused"
 * }</pre>
 */
public final class Redactor {
    static final String MASK = "****";
    private static final int MAX_SUMMARY = 240;
    /** Text beyond this is not even masked: it can never be shown after the cut at {@link #MAX_SUMMARY}. */
    private static final int MAX_MASKED = 8 * 1024;
    private static final int MIN_PARTIAL = 4;
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern SK_KEY = Pattern.compile("\\b(sk-(?:ant-)?)[A-Za-z0-9_-]{6,}");
    private static final Pattern PAIR = Pattern.compile(
            "(?i)((?:api[-_ ]?key|x-api-key|password|passwd|secret|token)[\"']?\\s*[:=]\\s*[\"']?)([^\\s\"',;&}]+)");

    private static volatile Redactor installed = new Redactor(List.of());

    private final List<String> secrets;

    public Redactor(List<String> secrets) {
        List<String> s = new ArrayList<>();
        for (String secret : secrets) if (secret != null && secret.length() >= 4) s.add(secret);
        s.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(s);
    }

    /**
     * The redactor of {@code config}: every API key and proxy password it configures, secrets in its endpoint URLs
     * and in the circuit store's URI ({@code store}).
     */
    static Redactor of(LlmRetryConfig config, StoreSettings store) {
        List<String> secrets = new ArrayList<>(StoreSettings.secretsOf(store.uri()));
        for (EndpointSettings e : config.endpoints().values()) {
            secrets.add(e.apiKey());
            secrets.addAll(UrlSecrets.values(e.url()));
            if (e.proxy() != null) secrets.add(e.proxy().password());
        }
        return new Redactor(secrets);
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    /**
     * The redactor of the process-wide configuration in force (none before it is loaded), for text built outside a
     * call, such as {@code LlmHttpException}'s message. Reading it loads nothing.
     */
    public static Redactor installed() {
        return installed;
    }

    static void install(Redactor redactor) {
        installed = redactor;
    }

    /** {@code text} with every known and every recognisable secret replaced by {@code ****}. */
    public String mask(String text) {
        if (text == null) return null;
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
            out = maskCutStarts(out, secret);
        }
        out = UrlSecrets.mask(out);
        out = BEARER.matcher(out).replaceAll("$1" + MASK);
        out = SK_KEY.matcher(out).replaceAll("$1" + MASK);
        Matcher m = PAIR.matcher(out);
        return m.find() ? m.replaceAll("$1" + MASK) : out;
    }

    /**
     * One line for logs and events: {@code "504 Gateway Timeout"}, {@code "429 Too Many Requests
     * (rate_limit_exceeded): Rate limit reached..."} or {@code "SimpleName: message"} (see {@link FailureSummary});
     * masked first, then cut to 240 characters on a word boundary.
     */
    public String summary(Throwable t) {
        String text = FailureSummary.describe(t);
        boolean bounded = text.length() > MAX_MASKED;
        if (bounded) text = text.substring(0, MAX_MASKED);
        String masked = mask(text);
        if (!bounded && masked.length() <= MAX_SUMMARY) return masked;
        return FailureSummary.cutAtWord(masked, MAX_SUMMARY) + "...";
    }

    /** The start of {@code secret} cut off by someone else's truncation: right before "..." or at the end. */
    private static String maskCutStarts(String text, String secret) {
        String out = text;
        int from = 0;
        while (true) {
            int dots = out.indexOf("...", from);
            int end = dots < 0 ? out.length() : dots;
            int k = cutStartLength(out, end, secret);
            if (k > 0) {
                out = out.substring(0, end - k) + MASK + out.substring(end);
                end = end - k + MASK.length();
            }
            if (dots < 0) return out;
            from = end + 3;
        }
    }

    /** Length of the longest proper prefix of {@code secret} (at least 4 characters) ending at {@code end}; or 0. */
    private static int cutStartLength(String text, int end, String secret) {
        for (int k = Math.min(secret.length() - 1, end); k >= MIN_PARTIAL; k--) {
            if (text.regionMatches(end - k, secret, 0, k)) return k;
        }
        return 0;
    }
}
