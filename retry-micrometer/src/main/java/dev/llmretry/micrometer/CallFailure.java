package dev.llmretry.micrometer;

/**
 * What the observation reports as the call's error: the failure's one-line summary with API keys and proxy passwords
 * masked (the library's redaction), never the original exception, whose message a tracer would copy into the span
 * unmasked. No stack trace.
 */
final class CallFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallFailure(String errorType, String maskedSummary) {
        super(errorType + ": " + maskedSummary, null, false, false);
    }
}
