package dev.llmretry.config;

import java.util.Objects;

/**
 * One thing wrong in a configuration: where ({@code keyPath}), the value given (display form, secrets shown as
 * {@code ****}; {@code null} when the problem is not about a value), what was expected, and the full sentence.
 * Immutable.
 *
 * <pre>{@code
 * ConfigProblem p = e.problems().get(0);
 * p.keyPath();   // "retry.default.max-attempts"
 * p.value();     // "0"
 * p.expected();  // ">= 1"
 * p.message();   // "retry.default.max-attempts was 0, must be >= 1. Use 1 for a single attempt."
 * }</pre>
 *
 * @param keyPath  the dotted key path ({@code endpoints.iag.url}); empty for a problem with the file as a whole
 * @param value    the value given, for display; {@code null} if not about a value
 * @param expected what would have been accepted; may be empty
 * @param message  the complete sentence, without the source
 */
public record ConfigProblem(String keyPath, String value, String expected, String message) {
    public ConfigProblem {
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(message, "message");
    }

    /** A value that is not acceptable: {@code "<keyPath> was <value>, must be <expected>"}. */
    public static ConfigProblem invalid(String keyPath, String value, String expected) {
        String subject = keyPath.isEmpty() ? "the document" : keyPath;
        return new ConfigProblem(keyPath, value, expected, subject + " was " + value + ", must be " + expected);
    }

    /** Any other problem, stated in a full sentence. */
    public static ConfigProblem of(String keyPath, String value, String expected, String message) {
        return new ConfigProblem(keyPath, value, expected, message);
    }
}
