package dev.llmretry.internal.classify;

/**
 * Error codes and message fragments that say more than the status does (research llm-errors.md §6, §8). Codes are
 * compared with the body's code and type, case-insensitively; fragments are searched in the lower-cased body and
 * message.
 */
final class Markers {
    /** A 429 (or 400/403) that no amount of waiting fixes: out of credit, spend cap, quota. */
    private static final String[] QUOTA_CODES = {
        "insufficient_quota", "credit_balance_exhausted", "organization_spend_limit_exceeded",
        "project_spend_limit_exceeded", "organization_usage_limit_exceeded", "enforced_spend_limit_reached",
        "billing_hard_limit_reached"};
    private static final String[] QUOTA_TEXT = {
        "insufficient_quota", "exceeded your current quota", "credit balance", "credit_balance", "spend_limit",
        "spend limit", "usage_limit_exceeded", "billing_hard_limit"};

    private static final String[] CONTEXT_CODES = {
        "context_length_exceeded", "context_window_exceeded", "string_above_max_length"};
    private static final String[] CONTEXT_TEXT = {
        "context_length_exceeded", "context_window_exceeded", "maximum context length", "context length exceeded",
        "context window",
        "prompt is too long", "exceed context limit", "exceeds the maximum number of tokens allowed",
        "input token count", "input is too long", "string_above_max_length", "reduce the length of the messages",
        "too many tokens"};

    private static final String[] POLICY_CODES = {
        "content_filter", "content_policy_violation", "responsibleaipolicyviolation"};
    private static final String[] POLICY_TEXT = {
        "content_filter", "content_policy", "content management policy", "responsibleaipolicyviolation"};

    private Markers() {}

    static boolean quota(HttpFacts f) {
        String text = f.lowerText();
        if (anyText(text, QUOTA_TEXT) || anyCode(f, QUOTA_CODES)) return true;
        // Gemini: a per-day quota (QuotaFailure quotaId "...PerDay...") resets at midnight Pacific, not in seconds
        return (f.status == 429 || text.contains("resource_exhausted")) && text.contains("perday");
    }

    /** OpenAI's 429 "Request too large for ... on tokens per min": this one request exceeds the TPM limit. */
    static boolean requestAboveRateLimit(HttpFacts f) {
        String text = f.lowerText();
        return text.contains("request too large") && text.contains("tokens per min");
    }

    static boolean contextLength(HttpFacts f) {
        return contextLength(f.lowerText()) || anyCode(f, CONTEXT_CODES);
    }

    static boolean contextLength(String lowerText) {
        return anyText(lowerText, CONTEXT_TEXT);
    }

    static boolean contentPolicy(HttpFacts f) {
        return contentPolicy(f.lowerText()) || anyCode(f, POLICY_CODES);
    }

    static boolean contentPolicy(String lowerText) {
        return anyText(lowerText, POLICY_TEXT);
    }

    /** Codes from SDK accessors only: codes inside the body are already found by the text search. */
    private static boolean anyCode(HttpFacts f, String[] codes) {
        for (String code : codes) {
            if (f.hasAccessorCode(code)) return true;
        }
        return false;
    }

    private static boolean anyText(String lowerText, String[] fragments) {
        for (String fragment : fragments) {
            if (lowerText.contains(fragment)) return true;
        }
        return false;
    }
}
