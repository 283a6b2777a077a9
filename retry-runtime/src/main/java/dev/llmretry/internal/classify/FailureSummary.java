package dev.llmretry.internal.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Describes a failure in one line for logs, events and health, the way SPEC §7 shows it: an HTTP failure (our
 * {@code LlmHttpException} or any SDK exception whose status the classifier reads) as its status and reason phrase,
 * the provider's error code and a short message ({@code 429 Too Many Requests (rate_limit_exceeded): Rate limit
 * reached for gpt-4o}), never the URL or the body; any other failure as {@code SimpleName: first line of the message}.
 * Neither masked nor cut: {@code Redactor.summary} masks, then cuts. Stateless; thread-safe.
 *
 * <pre>{@code
 * FailureSummary.describe(openAiInternalServerException);   // "504 Gateway Timeout"
 * FailureSummary.describe(new ConnectException("Connection refused"));   // "ConnectException: Connection refused"
 * }</pre>
 */
public final class FailureSummary {
    private static final java.util.Set<String> GENERIC_CODES = java.util.Set.of("error", "servererror", "apierror",
            "internalerror", "internalservererror", "unknown", "unknownerror");
    private static final Pattern STATUS_PREFIX = Pattern.compile("(?:HTTP\\s*)?(\\d{3})\\s*[:-]?\\s*");
    /** The provider's message is cut (on a word boundary) at about this length. */
    static final int MAX_MESSAGE = 160;

    private FailureSummary() {
    }

    /** One line, unmasked and uncut (apart from the provider's message). */
    public static String describe(Throwable failure) {
        try {
            HttpFacts facts = HttpFacts.read(CauseChain.of(failure));
            if (facts != null && facts.status > 0) return http(facts);
        } catch (RuntimeException e) {
            // an SDK accessor that misbehaves: describe the failure by its class and message instead
        }
        String message = failure.getMessage();
        String text = failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl).stripTrailing();
    }

    private static String http(HttpFacts facts) {
        String reason = reasonPhrase(facts.status);
        StringBuilder s = new StringBuilder(64).append(facts.status).append(' ').append(reason);
        String code = facts.code() != null ? facts.code() : facts.type();
        if (code != null && addsTo(reason, code)) s.append(" (").append(flatten(code, 60)).append(')');
        String message = facts.errorMessage();
        if (message == null && facts.body != null && looksLikeText(facts.body)) message = facts.body;
        if (message == null && !(facts.carrier instanceof dev.llmretry.LlmHttpException)) message = sdkMessage(facts);
        if (message != null && !letters(message).startsWith(letters(reason))) {
            String shown = flatten(message, MAX_MESSAGE);
            while (shown.endsWith(".") && !shown.endsWith("...")) shown = shown.substring(0, shown.length() - 1);
            if (!shown.isEmpty()) s.append(": ").append(shown);
        }
        return s.toString();
    }

    /**
     * Whether a provider's code says more than the status line: {@code rate_limit_exceeded} does; {@code server_error}
     * on a 504 or {@code overloaded_error} on a 529 does not (SPEC §7 logs those as {@code 504 Gateway Timeout}). A
     * message that only restates the reason phrase ({@code "Gateway timeout: ..."}, {@code "Bad gateway."}) is
     * left out for the same reason.
     */
    private static boolean addsTo(String reason, String code) {
        String c = letters(code);
        String r = letters(reason);
        return !(GENERIC_CODES.contains(c) || c.equals(r) || c.equals(r + "error"));
    }

    /** Lower-case letters only: {@code "Gateway_Timeout."} and {@code "gateway timeout"} compare equal. */
    private static String letters(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 64));
        for (int i = 0; i < text.length() && out.length() < 64; i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    /**
     * What an SDK's own message adds after its status ({@code "429: You exceeded your current quota"},
     * {@code "HTTP 503 - {json}"}); null when it adds nothing ({@code "504: Unknown"}, {@code "null"}).
     */
    private static String sdkMessage(HttpFacts facts) {
        String m;
        try {
            m = facts.carrier.getMessage();
        } catch (RuntimeException e) {
            return null;
        }
        if (m == null) return null;
        Matcher prefix = STATUS_PREFIX.matcher(m);
        String rest = (prefix.lookingAt() && prefix.group(1).equals(String.valueOf(facts.status)) ? m.substring(prefix.end()) : m)
                .strip();
        if (rest.endsWith(" null")) rest = rest.substring(0, rest.length() - 5).strip();
        if (rest.startsWith("{") || rest.startsWith("[")) return ErrorBody.parse(rest).message();
        return rest.isEmpty() || rest.equalsIgnoreCase("unknown") || rest.equals("null") || rest.startsWith("<") ? null : rest;
    }

    /** Plain text (not JSON without a message, not an HTML page), short enough to be a message. */
    private static boolean looksLikeText(String body) {
        String b = body.strip();
        return !b.isEmpty() && b.length() <= 2 * MAX_MESSAGE && b.charAt(0) != '<' && b.charAt(0) != '{'
                && b.charAt(0) != '[';
    }

    /** Whitespace runs become one space; longer than {@code max}: cut on a word boundary, with "...". */
    static String flatten(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
            if (out.length() > max) return cutAtWord(out, max) + "...";
        }
        return out.toString();
    }

    /** The first {@code max} characters, ending at the last space if one is in the last third. */
    public static String cutAtWord(CharSequence text, int max) {
        if (text.length() <= max) return text.toString();
        int cut = max;
        for (int i = max; i > max * 2 / 3; i--) {
            if (text.charAt(i) == ' ') {
                cut = i;
                break;
            }
        }
        return text.subSequence(0, cut).toString().stripTrailing();
    }

    /** The reason phrase of an HTTP status ({@code 504} → {@code Gateway Timeout}; 529 → {@code Overloaded}). */
    public static String reasonPhrase(int status) {
        switch (status) {
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 402: return "Payment Required";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 409: return "Conflict";
            case 413: return "Payload Too Large";
            case 415: return "Unsupported Media Type";
            case 422: return "Unprocessable Entity";
            case 425: return "Too Early";
            case 429: return "Too Many Requests";
            case 499: return "Client Closed Request";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            case 529: return "Overloaded";
            default: return status >= 400 && status < 500 ? "Client Error"
                    : status >= 500 && status < 600 ? "Server Error" : "Unexpected Status";
        }
    }
}
