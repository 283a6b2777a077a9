package dev.llmretry.internal.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the durations of retry.yaml and of annotation attributes. Stateless and thread-safe.
 *
 * <pre>{@code
 * Durations.parse("1.5s");                       // PT1.5S
 * Durations.parse("PT2M");                       // PT2M
 * Durations.format(Duration.ofMillis(1000));     // "1.0s", as in "Retrying in 1.0s"
 * }</pre>
 */
public final class Durations {
    /** What {@link #parse} accepts, as a phrase for error messages. */
    public static final String ACCEPTED = "a duration like 500ms, 2s, 1.5m, 1h, 1d or ISO-8601 PT2S";
    /** The largest duration accepted (about 292 years), as written in messages. */
    public static final String MOST = "106751d";

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(ms|s|m|h|d)",
            Pattern.CASE_INSENSITIVE);
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private Durations() {
    }

    /**
     * Parses {@code 500ms}, {@code 2s}, {@code 1.5m}, {@code 1h}, {@code 1d} (a number, optionally fractional, and a
     * unit) or an ISO-8601 duration ({@code PT2S}). Zero is accepted; negative values are not. The largest accepted
     * value is about 292 years, so that {@link Duration#toNanos()} never overflows.
     *
     * @throws IllegalArgumentException on null, blank, negative or malformed text, saying what is accepted
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration; expected " + ACCEPTED);
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("-") || trimmed.startsWith("P-") || trimmed.startsWith("PT-")) {
            throw new IllegalArgumentException("negative duration '" + trimmed + "'; expected " + ACCEPTED);
        }
        Matcher m = NUMBER_AND_UNIT.matcher(trimmed);
        if (m.matches()) {
            return fromNanos(new BigDecimal(m.group(1)).multiply(unitNanos(m.group(2))), trimmed);
        }
        if (trimmed.length() > 1 && Character.toUpperCase(trimmed.charAt(0)) == 'P') {
            return parseIso(trimmed);
        }
        String hint = trimmed.chars().allMatch(c -> Character.isDigit(c) || c == '.') ? " has no unit" : " is not a duration";
        throw new IllegalArgumentException("'" + trimmed + "'" + hint + "; expected " + ACCEPTED);
    }

    /**
     * A short human form for log lines: below one second in whole milliseconds ({@code 250ms}), then seconds,
     * minutes, hours and days with one decimal ({@code 1.0s}, {@code 2.5m}, {@code 1.5h}, {@code 2.0d}). The result is
     * accepted by {@link #parse} (up to rounding).
     */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
        BigDecimal millis = seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP);
        if (millis.compareTo(BigDecimal.valueOf(1000)) < 0) {
            return millis.toPlainString() + "ms";
        }
        BigDecimal value = seconds;
        String[] units = {"s", "m", "h", "d"};
        BigDecimal[] next = {SIXTY, SIXTY, BigDecimal.valueOf(24)};
        for (int i = 0; i < units.length; i++) {
            BigDecimal rounded = value.setScale(1, RoundingMode.HALF_UP);
            if (i == units.length - 1 || rounded.compareTo(next[i]) < 0) {
                return rounded.toPlainString() + units[i];
            }
            value = value.divide(next[i], 10, RoundingMode.HALF_UP);
        }
        throw new AssertionError("unreachable");
    }

    /**
     * The exact form of a duration for messages and {@code toString()}: the largest unit that divides it
     * ({@code 2s}, {@code 5m}, {@code 1250ms}), ISO-8601 below a millisecond.
     */
    static String exact(Duration duration) {
        if (duration.isZero()) return "0s";
        if (duration.getNano() % 1_000_000 != 0 || duration.isNegative()) return duration.toString();
        long millis = duration.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis % sizes[i] == 0) return millis / sizes[i] + units[i];
        }
        return millis + "ms";
    }

    private static Duration parseIso(String text) {
        Duration parsed;
        try {
            parsed = Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (ArithmeticException e) {
            throw new TooLarge(text);
        } catch (DateTimeParseException e) {
            if (e.getCause() instanceof ArithmeticException) throw new TooLarge(text);
            throw new IllegalArgumentException("'" + text + "' is not a duration; expected " + ACCEPTED, e);
        }
        if (parsed.isNegative()) {
            throw new IllegalArgumentException("negative duration '" + text + "'; expected " + ACCEPTED);
        }
        return fromNanos(BigDecimal.valueOf(parsed.getSeconds()).multiply(NANOS_PER_SECOND)
                .add(BigDecimal.valueOf(parsed.getNano())), text);
    }

    private static Duration fromNanos(BigDecimal nanos, String text) {
        if (nanos.compareTo(MAX_NANOS) > 0) throw new TooLarge(text);
        BigInteger whole = nanos.toBigInteger();
        return Duration.ofNanos(whole.longValueExact());
    }

    /** A well-formed duration above {@link #MOST}. */
    static final class TooLarge extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooLarge(String text) {
            super("duration '" + text + "' is too large; the most is " + MOST);
        }
    }

    private static BigDecimal unitNanos(String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "ms": return BigDecimal.valueOf(1_000_000L);
            case "s": return NANOS_PER_SECOND;
            case "m": return BigDecimal.valueOf(60_000_000_000L);
            case "h": return BigDecimal.valueOf(3_600_000_000_000L);
            default: return BigDecimal.valueOf(86_400_000_000_000L);
        }
    }
}
