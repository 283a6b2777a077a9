package dev.llmretry.micrometer;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of the {@code llmretry.call} observation. Low cardinality (also tags of the timer that
 * Micrometer's meter handler makes of it): {@code llmretry.name}, {@code llmretry.outcome},
 * {@code llmretry.endpoint}, {@code error.type} (OpenTelemetry's attribute: the HTTP status of an
 * {@code LlmHttpException}, else the exception's class; {@code none} after a success; {@code unknown} for a call whose
 * end was never reported). High cardinality (span
 * attributes only): {@code http.request.resend_count} (attempts after the first, as OpenTelemetry names it; kept off
 * the timer so that it does not multiply its series).
 *
 * <pre>{@code
 * class MyConvention extends LlmCallObservationConvention {
 *     public String getContextualName(LlmCallObservationContext c) { return "llm " + c.callName(); }
 * }
 * }</pre>
 */
public class LlmCallObservationConvention implements ObservationConvention<LlmCallObservationContext> {
    /** The observation's name. */
    public static final String NAME = "llmretry.call";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(LlmCallObservationContext context) {
        return "llmretry " + context.callName();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(LlmCallObservationContext context) {
        Throwable failure = context.failure();
        return KeyValues.of("llmretry.name", context.callName(), "llmretry.outcome", context.outcome(),
                "llmretry.endpoint", context.endpoint(),
                "error.type", failure != null ? Outcomes.errorType(failure)
                        : context.outcome().equals(Outcomes.UNKNOWN) ? Outcomes.UNKNOWN : Outcomes.NO_ERROR);
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(LlmCallObservationContext context) {
        return KeyValues.of("http.request.resend_count", Integer.toString(Math.max(0, context.attempts() - 1)));
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof LlmCallObservationContext;
    }
}
