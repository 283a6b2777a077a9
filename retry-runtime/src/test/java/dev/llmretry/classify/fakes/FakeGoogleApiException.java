package dev.llmretry.classify.fakes;

/**
 * Mimics {@code com.google.genai.errors.ApiException}: {@code code()} is the int status, {@code status()} a String
 * such as {@code RESOURCE_EXHAUSTED}; no headers.
 */
public class FakeGoogleApiException extends RuntimeException {
    private final int code;
    private final String status;
    private final String message;

    public FakeGoogleApiException(int code, String status, String message) {
        super(code + " " + status + ". " + message);
        this.code = code;
        this.status = status;
        this.message = message;
    }

    public int code() { return code; }

    public String status() { return status; }

    public String message() { return message; }
}
