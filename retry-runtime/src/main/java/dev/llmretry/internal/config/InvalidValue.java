package dev.llmretry.internal.config;

/**
 * Thrown by a value parser: the raw value is not acceptable, {@link #expected()} says what would be and
 * {@link #fix()} may say what to write instead. Carries no stack trace; it never leaves the package.
 */
final class InvalidValue extends Exception {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String fix;

    InvalidValue(String expected) {
        this(expected, null);
    }

    /** @param fix a sentence saying what to write instead ({@code "Use 1 for a single attempt."}), or null */
    InvalidValue(String expected, String fix) {
        super(expected, null, false, false);
        this.expected = expected;
        this.fix = fix;
    }

    String expected() {
        return expected;
    }

    /** What to write instead, or null when {@link #expected()} says it all. */
    String fix() {
        return fix;
    }
}
