package dev.llmretry.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials that URLs carry: the user-info ({@code https://user:pw@host}) and the query parameters that hold keys,
 * tokens and signatures ({@code ?key=AIza...}, Google-style; {@code api-key}, {@code api_key}, {@code apikey},
 * {@code x-api-key}, {@code token}, {@code access_token}, {@code sig}, {@code signature} ..., in any case). Used by
 * every {@code toString()}, configuration message and failure summary that may show a URL. Stateless; thread-safe.
 *
 * <pre>{@code
 * UrlSecrets.mask("GET https://g.example/v1?alt=sse&key=AIza123");   // "GET https://g.example/v1?alt=sse&key=****"
 * UrlSecrets.values("https://g.example/v1?key=AIza123");             // ["AIza123"]
 * }</pre>
 */
public final class UrlSecrets {
    /** The query parameters whose values are secrets, lower-case (matched ignoring case). */
    public static final List<String> PARAMETERS = List.of("key", "api-key", "api_key", "apikey", "x-api-key",
            "x-goog-api-key", "subscription-key", "token", "access_token", "id_token", "refresh_token", "auth",
            "auth_token", "sig", "signature", "x-amz-signature", "x-amz-credential", "x-amz-security-token", "secret",
            "client_secret", "password", "passwd", "pwd");

    private static final String MASK = Display.MASK;
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");
    private static final Pattern QUERY_SECRET = Pattern.compile("(?i)([?&;](?:" + String.join("|",
            PARAMETERS.stream().map(Pattern::quote).toList()) + ")=)([^&#\\s\"'<>]+)");

    private UrlSecrets() {
    }

    /** {@code text} with every URL user-info and secret query parameter value replaced by {@code ****}. */
    public static String mask(String text) {
        if (text == null || text.indexOf('=') < 0 && text.indexOf('@') < 0) return text;
        String out = USER_INFO.matcher(text).replaceAll(MASK + "@");
        Matcher m = QUERY_SECRET.matcher(out);
        return m.find() ? m.replaceAll("$1" + Matcher.quoteReplacement(MASK)) : out;
    }

    /** The values of secret query parameters in {@code url}, so they can be masked wherever they show up alone. */
    public static List<String> values(String url) {
        List<String> found = new ArrayList<>();
        if (url == null) return found;
        Matcher m = QUERY_SECRET.matcher(url);
        while (m.find()) found.add(m.group(2));
        return found;
    }
}
