package dev.llmretry.micrometer;

import dev.llmretry.LlmHttpException;
import dev.llmretry.event.CallSucceeded;

/** The closed sets of tag values shared by the meters and the observation. */
final class Outcomes {
    static final String SUCCESS = "success";
    static final String SUCCESS_AFTER_RETRY = "success_after_retry";
    static final String FAILED_OVER = "failed_over";
    static final String FAILED = "failed";
    /** A call whose end event never came (an aborted call), ended when it left the bounded in-flight set. */
    static final String UNKNOWN = "unknown";
    /** {@code error.type} of a call that succeeded (a constant key set keeps Prometheus happy). */
    static final String NO_ERROR = "none";

    private Outcomes() {
    }

    static String of(CallSucceeded e) {
        if (e.failedOver()) return FAILED_OVER;
        return e.attempts() > 1 ? SUCCESS_AFTER_RETRY : SUCCESS;
    }

    /**
     * OpenTelemetry's {@code error.type}: the HTTP status for an {@link LlmHttpException}, else the exception's
     * class name; both are bounded by the code, never by the message.
     */
    static String errorType(Throwable failure) {
        if (failure == null) return UNKNOWN;
        if (failure instanceof LlmHttpException http) return Integer.toString(http.status());
        return failure.getClass().getName();
    }
}
