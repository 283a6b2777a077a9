package dev.llmretry.internal.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The display form of values in problems and {@code toString()}: secrets masked, credentials in URLs masked
 * ({@link UrlSecrets}), long or
 * oddly spaced text quoted and shortened. Stateless.
 */
final class Display {
    /** What every secret looks like. */
    static final String MASK = "****";

    private static final int MAX_LENGTH = 100;
    private static final Pattern SECRET_PROPERTY = Pattern.compile(".*(key|secret|token|password|credential).*",
            Pattern.CASE_INSENSITIVE);

    private Display() {
    }

    /** Whether the value at this key path is a secret ({@code api-key}, {@code password}). */
    static boolean isSecretPath(String keyPath) {
        String last = keyPath.substring(keyPath.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return last.equals("api-key") || last.equals("password");
    }

    /** Whether an endpoint property looks like a secret by its name, so {@code toString()} masks it. */
    static boolean isSecretPropertyName(String name) {
        return SECRET_PROPERTY.matcher(name).matches();
    }

    /**
     * The value as shown in a problem.
     *
     * @param origin the text before variable substitution, or {@code null} if it had no variable
     */
    static String value(String keyPath, Object raw, String origin) {
        if (isSecretPath(keyPath)) return MASK;
        String shown = value(raw);
        return origin == null ? shown : shown + " (from " + text(origin) + ")";
    }

    static String value(Object raw) {
        if (raw == null) return "empty";
        if (raw instanceof Duration) return Durations.exact((Duration) raw);
        if (raw instanceof Enum) return ((Enum<?>) raw).name();
        return text(raw.toString());
    }

    /** Text as shown: credentials in URLs masked, quoted when empty or oddly spaced, shortened when long. */
    static String text(String text) {
        String masked = UrlSecrets.mask(text);
        boolean shortened = masked.length() > MAX_LENGTH;
        if (shortened) masked = masked.substring(0, MAX_LENGTH) + "...";
        boolean quote = masked.isEmpty() || !masked.equals(masked.strip()) || masked.chars().anyMatch(c -> c < ' ');
        if (!quote) return masked;
        return '"' + masked.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + '"';
    }

    /** A URL for {@code toString()}: user-info and secret query parameters masked. */
    static String url(Object url) {
        return url == null ? "null" : UrlSecrets.mask(url.toString());
    }

    /** A secret for {@code toString()}: {@code ""} when empty, otherwise masked. */
    static String secret(String secret) {
        return secret.isEmpty() ? "\"\"" : MASK;
    }
}
