package dev.llmretry.internal.config;

/**
 * Thrown by a value parser: the raw value is not acceptable, and {@link #expected()} says what would be. Carries no
 * stack trace; it never leaves the package.
 */
final class InvalidValue extends Exception {
    private static final long serialVersionUID = 1L;

    private final String expected;

    InvalidValue(String expected) {
        super(expected, null, false, false);
        this.expected = expected;
    }

    String expected() {
        return expected;
    }
}
