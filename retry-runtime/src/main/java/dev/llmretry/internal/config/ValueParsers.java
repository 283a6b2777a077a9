package dev.llmretry.internal.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns raw values, as YAML gives them (strings after variable substitution) or as annotation attributes give them
 * (ints, doubles, strings, enum constants), into typed values, or says what was expected. Stateless.
 */
final class ValueParsers {
    private ValueParsers() {
    }

    @FunctionalInterface
    interface Parser {
        Object parse(Object raw) throws InvalidValue;
    }

    static Parser intAtLeast(int min) {
        return intAtLeast(min, null);
    }

    /** An integer at least {@code min}; {@code fix} (or null) is what a value below it is told to write instead. */
    static Parser intAtLeast(int min, String fix) {
        return raw -> {
            long value = integer(raw, "an integer >= " + min);
            if (value < min) throw new InvalidValue(">= " + min, fix);
            if (value > Integer.MAX_VALUE) throw new InvalidValue("<= " + Integer.MAX_VALUE);
            return (int) value;
        };
    }

    static long integer(Object raw, String expected) throws InvalidValue {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String) {
            String text = ((String) raw).strip();
            if (text.matches("[+-]?\\d{1,18}")) return Long.parseLong(text);
        }
        throw new InvalidValue(expected);
    }

    /** A finite number at least {@code min}. */
    static Parser numberAtLeast(double min) {
        return numberAtLeast(min, null);
    }

    /** A finite number at least {@code min}; {@code fix} (or null) is what a value below it is told to write instead. */
    static Parser numberAtLeast(double min, String fix) {
        return raw -> {
            double value = number(raw, "a number >= " + min);
            if (!Double.isFinite(value)) throw new InvalidValue("a finite number >= " + min);
            if (value < min) throw new InvalidValue(">= " + min, fix);
            return value;
        };
    }

    static double number(Object raw, String expected) throws InvalidValue {
        if (raw instanceof Number && !(raw instanceof BigDecimal)) {
            return ((Number) raw).doubleValue();
        }
        if (raw instanceof String) {
            String text = ((String) raw).strip();
            if (text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) return Double.parseDouble(text);
        }
        throw new InvalidValue(expected);
    }

    /** A duration at least zero ({@code strictlyPositive == false}) or above zero. */
    static Parser duration(boolean strictlyPositive) {
        String range = strictlyPositive ? "> 0" : ">= 0";
        return raw -> {
            Duration value = durationValue(raw, range);
            if (strictlyPositive && value.isZero()) throw new InvalidValue("> 0");
            return value;
        };
    }

    /** The longest duration: deadlines are counted in nanoseconds in a {@code long}. */
    private static final Duration LARGEST = Duration.ofNanos(Long.MAX_VALUE);
    private static final String TOO_LARGE = "at most " + Durations.MOST + " (about 292 years)";

    static Duration durationValue(Object raw, String range) throws InvalidValue {
        if (raw instanceof Duration) {
            if (((Duration) raw).isNegative()) throw new InvalidValue(range);
            if (((Duration) raw).compareTo(LARGEST) > 0) throw new InvalidValue(TOO_LARGE); // as text is capped
            return (Duration) raw;
        }
        if (!(raw instanceof String)) throw new InvalidValue(Durations.ACCEPTED);
        String text = ((String) raw).strip();
        if (text.startsWith("-")) throw new InvalidValue(range);
        try {
            return Durations.parse(text);
        } catch (Durations.TooLarge e) {
            throw new InvalidValue(TOO_LARGE);
        } catch (IllegalArgumentException e) {
            boolean noUnit = text.matches("\\d+(\\.\\d+)?");
            throw new InvalidValue(noUnit ? Durations.ACCEPTED + " (a unit is required)" : Durations.ACCEPTED);
        }
    }

    /** A duration above zero, or {@code none} for no limit ({@link Optional#empty()}). */
    static Parser optionalDuration() {
        Parser positive = duration(true);
        return raw -> {
            if (raw instanceof String && ((String) raw).strip().equalsIgnoreCase("none")) {
                return Optional.empty();
            }
            try {
                return Optional.of((Duration) positive.parse(raw));
            } catch (InvalidValue e) {
                throw new InvalidValue(e.expected() + " (or none)");
            }
        };
    }

    /** A fraction in (0, 1] ({@code 0.5}) or a percentage ({@code 50%}); {@code off} gives NaN (rule off). */
    static Parser rate() {
        String expected = "a fraction in (0, 1] like 0.5, a percentage like 50%, or off";
        return raw -> {
            if (raw instanceof String) {
                String text = ((String) raw).strip();
                if (text.equalsIgnoreCase("off")) return Double.NaN;
                if (text.endsWith("%")) {
                    double percent = number(text.substring(0, text.length() - 1), expected);
                    return inUnitRange(percent / 100.0, expected);
                }
            }
            return inUnitRange(number(raw, expected), expected);
        };
    }

    private static double inUnitRange(double value, String expected) throws InvalidValue {
        if (!(value > 0.0 && value <= 1.0)) throw new InvalidValue(expected);
        return value;
    }

    /** YAML 1.1 booleans: true/false, yes/no, on/off, any case. */
    static boolean bool(Object raw) throws InvalidValue {
        if (raw instanceof Boolean) return (Boolean) raw;
        if (raw instanceof String) {
            switch (((String) raw).strip().toLowerCase(Locale.ROOT)) {
                case "true": case "yes": case "on": return true;
                case "false": case "no": case "off": return false;
                default: break;
            }
        }
        throw new InvalidValue("true or false");
    }

    /**
     * An enum constant by its YAML name ({@code success-rate}, {@code success_rate}, {@code SUCCESS_RATE}); the
     * constant named {@code excluded} (the "unset" value of annotations) is refused.
     */
    static <E extends Enum<E>> Parser enumeration(Class<E> type, E excluded) {
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            if (constant == excluded) continue;
            names.append(names.length() == 0 ? "" : ", ").append(yamlName(constant));
        }
        String expected = "one of " + names;
        return raw -> {
            if (type.isInstance(raw) && raw != excluded) return raw;
            if (raw instanceof String) {
                String wanted = ((String) raw).strip().replace('-', '_');
                for (E constant : type.getEnumConstants()) {
                    if (constant != excluded && constant.name().equalsIgnoreCase(wanted)) return constant;
                }
            }
            throw new InvalidValue(expected);
        };
    }

    /** The YAML spelling of an enum constant: {@code SUCCESS_RATE} becomes {@code success-rate}. */
    static String yamlName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
