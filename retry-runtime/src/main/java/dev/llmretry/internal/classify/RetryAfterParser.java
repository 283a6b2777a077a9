package dev.llmretry.internal.classify;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the wait a server asked for, in this order (a step counts only if the previous ones gave nothing valid):
 * <ol>
 *   <li>{@code retry-after-ms}, then {@code x-ms-retry-after-ms}: milliseconds, may be fractional;</li>
 *   <li>{@code retry-after}: delta-seconds (may be fractional) or an RFC 1123 HTTP-date, relative to {@code now};</li>
 *   <li>only for rate limits: {@code x-ratelimit-reset-requests|tokens} (Go durations such as {@code 6m0s},
 *       {@code 12ms}, {@code 1m30.5s}) and {@code anthropic-ratelimit-*-reset} (RFC 3339 instants). When a matching
 *       {@code *-remaining} header says {@code 0}, only the exhausted limits count; otherwise the longest reset;</li>
 *   <li>only for rate limits: the body's {@code "retryDelay": "22s"} (Gemini {@code RetryInfo}), then a
 *       "Please retry in 10.5s" / "retry after 37 seconds" sentence.</li>
 * </ol>
 * Robust against hostile input: garbage, negative, NaN and infinite values are ignored; dates in the past give
 * {@link Duration#ZERO}; everything is capped at {@link #MAX}. Never throws. Stateless and thread-safe.
 *
 * <pre>{@code
 * Duration wait = RetryAfterParser.parse(name -> headers.get(name), body, clock.instant(), true);
 * }</pre>
 */
public final class RetryAfterParser {
    /** The longest wait ever reported; larger values are capped to it. */
    public static final Duration MAX = Duration.ofDays(1);

    private static final int MAX_VALUE_CHARS = 64;
    private static final int MAX_BODY_CHARS = 64 * 1024;
    private static final double MAX_SECONDS = MAX.getSeconds();
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,15}(?:\\.\\d{0,15})?|\\.\\d{1,15}");
    private static final Pattern RETRY_DELAY = Pattern.compile("\"retryDelay\"\\s*:\\s*\"(\\d{1,12}(?:\\.\\d{1,12})?)s\"");
    private static final Pattern RETRY_SENTENCE = Pattern.compile(
            "(?i)retry (?:in|after) (\\d{1,12}(?:\\.\\d{1,12})?) ?(ms|milliseconds?|s|secs?|seconds?)\\b");
    private static final String[] OPENAI_LIMITS = {"requests", "tokens"};
    private static final String[] ANTHROPIC_LIMITS = {"requests", "tokens", "input-tokens", "output-tokens"};

    private RetryAfterParser() {}

    /**
     * The server-requested wait, or {@code null} when none was found.
     *
     * @param header      first value of a response header by (case-insensitive) name, or null
     * @param body        the response body or error text; may be null
     * @param now         the wall-clock time, for HTTP-dates and reset instants
     * @param rateLimited whether the failure is a rate limit: only then reset headers and body hints count
     */
    public static Duration parse(Function<String, String> header, CharSequence body, Instant now, boolean rateLimited) {
        Duration wait = parseHeaderValue("retry-after-ms", header.apply("retry-after-ms"), now);
        if (wait == null) wait = parseHeaderValue("x-ms-retry-after-ms", header.apply("x-ms-retry-after-ms"), now);
        if (wait == null) wait = parseHeaderValue("retry-after", header.apply("retry-after"), now);
        if (wait != null || !rateLimited) return wait;
        wait = resetHeaders(header, now);
        return wait != null ? wait : parseBody(body);
    }

    /**
     * One header value, interpreted by the header's name ({@code retry-after-ms}, {@code x-ms-retry-after-ms},
     * {@code retry-after}, {@code x-ratelimit-reset-*}, {@code anthropic-ratelimit-*-reset}); null if invalid or the
     * name is not one of these.
     */
    public static Duration parseHeaderValue(String name, String value, Instant now) {
        if (name == null || value == null) return null;
        String v = value.trim();
        if (v.isEmpty() || v.length() > MAX_VALUE_CHARS) return null;
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("retry-after-ms") || n.equals("x-ms-retry-after-ms")) return decimal(v, 0.001);
        if (n.equals("retry-after")) return DECIMAL.matcher(v).matches() ? decimal(v, 1) : httpDate(v, now);
        if (n.startsWith("x-ratelimit-reset-")) return goDuration(v);
        if (n.startsWith("anthropic-ratelimit-") && n.endsWith("-reset")) return instant(v, now);
        return null;
    }

    /** Gemini's {@code RetryInfo.retryDelay}, else a "retry in N s" sentence; null if neither is there. */
    public static Duration parseBody(CharSequence body) {
        if (body == null || body.length() == 0) return null;
        CharSequence text = body.length() > MAX_BODY_CHARS ? body.subSequence(0, MAX_BODY_CHARS) : body;
        Matcher m = RETRY_DELAY.matcher(text);
        if (m.find()) return decimal(m.group(1), 1);
        m = RETRY_SENTENCE.matcher(text);
        if (!m.find()) return null;
        return decimal(m.group(1), m.group(2).toLowerCase(Locale.ROOT).startsWith("m") ? 0.001 : 1);
    }

    private static Duration resetHeaders(Function<String, String> header, Instant now) {
        Duration exhausted = null;
        Duration any = null;
        for (String limit : OPENAI_LIMITS) {
            Duration d = parseHeaderValue("x-ratelimit-reset-" + limit, header.apply("x-ratelimit-reset-" + limit), now);
            any = max(any, d);
            if (isZero(header.apply("x-ratelimit-remaining-" + limit))) exhausted = max(exhausted, d);
        }
        for (String limit : ANTHROPIC_LIMITS) {
            String prefix = "anthropic-ratelimit-" + limit;
            Duration d = parseHeaderValue(prefix + "-reset", header.apply(prefix + "-reset"), now);
            any = max(any, d);
            if (isZero(header.apply(prefix + "-remaining"))) exhausted = max(exhausted, d);
        }
        return exhausted != null ? exhausted : any;
    }

    /** A Go {@code time.Duration} string: {@code 1h2m3.5s}, {@code 12ms}, {@code 250us}, {@code 0}. */
    private static Duration goDuration(String v) {
        if (v.equals("0")) return Duration.ZERO;
        double seconds = 0;
        int i = 0;
        int n = v.length();
        while (i < n) {
            int start = i;
            while (i < n && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) i++;
            String number = v.substring(start, i);
            if (!DECIMAL.matcher(number).matches()) return null;
            int unitStart = i;
            while (i < n && !Character.isDigit(v.charAt(i)) && v.charAt(i) != '.') i++;
            double scale = goUnit(v.substring(unitStart, i));
            if (scale < 0) return null;
            seconds += Double.parseDouble(number) * scale;
        }
        return seconds(seconds);
    }

    private static double goUnit(String unit) {
        switch (unit) {
            case "ns": return 1e-9;
            case "us": case "µs": case "μs": return 1e-6;
            case "ms": return 1e-3;
            case "s": return 1;
            case "m": return 60;
            case "h": return 3600;
            default: return -1;
        }
    }

    private static Duration httpDate(String v, Instant now) {
        try {
            return until(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(), now);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static Duration instant(String v, Instant now) {
        try {
            return until(OffsetDateTime.parse(v).toInstant(), now);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static Duration until(Instant target, Instant now) {
        if (!target.isAfter(now)) return Duration.ZERO;
        Duration d = Duration.between(now, target);
        return d.compareTo(MAX) > 0 ? MAX : d;
    }

    private static Duration decimal(String v, double unitSeconds) {
        if (!DECIMAL.matcher(v).matches()) return null;
        return seconds(Double.parseDouble(v) * unitSeconds);
    }

    private static Duration seconds(double s) {
        if (!(s >= 0)) return null; // negative or NaN
        if (s >= MAX_SECONDS) return MAX;
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static boolean isZero(String remaining) {
        return remaining != null && remaining.trim().equals("0");
    }

    private static Duration max(Duration a, Duration b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) >= 0 ? a : b;
    }
}
