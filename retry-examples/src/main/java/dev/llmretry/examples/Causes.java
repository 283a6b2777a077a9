package dev.llmretry.examples;

import dev.langchain4j.exception.HttpException;
import dev.llmretry.EndpointsUnavailableException;
import dev.llmretry.LlmHttpException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** One-line descriptions of failures for the console: the status and error code, not the whole response body. */
final class Causes {
    private static final int MAX = 90;

    private Causes() {
    }

    /** {@code 504 Gateway Timeout}, {@code 429 Too Many Requests (insufficient_quota)}, {@code IOException: ...}. */
    static String brief(Throwable t) {
        if (t == null) return "unknown failure";
        if (t instanceof UncheckedIOException && t.getCause() != null) t = t.getCause();
        HttpException langChain4j = langChain4jHttp(t);
        if (langChain4j != null) t = new LlmHttpException(langChain4j.statusCode(), Map.of(), langChain4j.getMessage());
        if (t instanceof LlmHttpException http) {
            String message = String.valueOf(http.getMessage());
            int from = message.indexOf(" from ");
            int colon = message.indexOf(": ");
            String head = from > 0 ? message.substring(0, from) : colon > 0 ? message.substring(0, colon) : message;
            String text = http.errorCode() == null ? head : head + " (" + http.errorCode() + ")";
            String millis = http.header("retry-after-ms");
            String seconds = http.header("retry-after");
            return millis != null ? text + ", retry-after-ms: " + millis
                    : seconds != null ? text + ", Retry-After: " + seconds : text;
        }
        if (t instanceof EndpointsUnavailableException e) {
            Instant now = Instant.now();
            return "every circuit is open (" + e.endpoints().stream().map(s -> s.name() + " "
                    + s.state().name().toLowerCase(Locale.ROOT) + (s.retryAt() == null ? "" : ", probe in "
                    + ProgressBar.seconds(Duration.between(now, s.retryAt()).isNegative() ? Duration.ZERO
                    : Duration.between(now, s.retryAt())))).collect(Collectors.joining("; ")) + ")";
        }
        String text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
    }

    /** LangChain4j's typed exceptions wrap an HttpException whose message is the raw body: read it as a response. */
    private static HttpException langChain4jHttp(Throwable t) {
        for (int depth = 0; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof HttpException http) return http;
        }
        return null;
    }
}
