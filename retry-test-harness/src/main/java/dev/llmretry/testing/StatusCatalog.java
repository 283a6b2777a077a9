package dev.llmretry.testing;

import java.util.Map;

/** Reason phrases and realistic default error bodies by HTTP status. Stateless. */
final class StatusCatalog {

    private record Error(String reason, String message, String type, String code) { }

    private static final Map<Integer, Error> ERRORS = Map.ofEntries(
            entry(400, "Bad Request", "Invalid request.", "invalid_request_error", null),
            entry(401, "Unauthorized", "Incorrect API key provided: sk-fake****. You can find your API key at "
                    + "https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key"),
            entry(402, "Payment Required", "Your credit balance is too low to access this API.", "billing_error", null),
            entry(403, "Forbidden", "You are not allowed to sample from this model.", "invalid_request_error",
                    "permission_denied"),
            entry(404, "Not Found", "The model does not exist or you do not have access to it.",
                    "invalid_request_error", "model_not_found"),
            entry(405, "Method Not Allowed", "Method not allowed.", "invalid_request_error", null),
            entry(408, "Request Timeout", "Request timed out.", "timeout", null),
            entry(409, "Conflict", "The request conflicted with another request. Please try again.",
                    "invalid_request_error", "conflict"),
            entry(413, "Payload Too Large", "Request too large.", "invalid_request_error", "request_too_large"),
            entry(415, "Unsupported Media Type", "Unsupported media type.", "invalid_request_error", null),
            entry(422, "Unprocessable Entity", "Unprocessable entity.", "invalid_request_error", null),
            entry(425, "Too Early", "Too early. Please try again.", "invalid_request_error", null),
            entry(429, "Too Many Requests", "Rate limit reached for requests. Please try again later.", "requests",
                    "rate_limit_exceeded"),
            entry(500, "Internal Server Error", "The server had an error while processing your request. Sorry about that!",
                    "server_error", null),
            entry(501, "Not Implemented", "Not implemented.", "server_error", null),
            entry(502, "Bad Gateway", "Bad gateway.", "server_error", null),
            entry(503, "Service Unavailable", "The engine is currently overloaded, please try again later.",
                    "server_error", null),
            entry(504, "Gateway Timeout", "Gateway timeout: the model did not answer in time.", "server_error", null),
            entry(529, "Overloaded", "Overloaded", "overloaded_error", null));

    private static final Map<Integer, String> SUCCESS_REASONS = Map.of(200, "OK", 201, "Created", 202, "Accepted", 204, "No Content");

    private StatusCatalog() {
    }

    static String reason(int status) {
        Error error = ERRORS.get(status);
        if (error != null) {
            return error.reason;
        }
        return SUCCESS_REASONS.getOrDefault(status, status < 500 ? "Client Error" : "Server Error");
    }

    /** The default body for an error status: OpenAI's shape, except Anthropic's for 529 {@code overloaded_error}. */
    static String errorBody(int status) {
        if (status == 529) {
            return "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
        }
        Error error = ERRORS.get(status);
        if (error == null) {
            return OpenAiBodies.error(reason(status) + ".", status < 500 ? "invalid_request_error" : "server_error", null, null);
        }
        return OpenAiBodies.error(error.message, error.type, null, error.code);
    }

    private static Map.Entry<Integer, Error> entry(int status, String reason, String message, String type, String code) {
        return Map.entry(status, new Error(reason, message, type, code));
    }
}
