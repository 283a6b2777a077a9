package dev.llmretry.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One scripted answer of a {@link FakeLlmServer}: a successful chat completion, an HTTP error with
 * a provider-style body, a dropped connection, or a stream that breaks half-way. Immutable and
 * thread-safe: every modifier returns a new instance.
 *
 * <pre>{@code
 * server.enqueue(FakeResponse.status(504).times(3));
 * server.enqueue(FakeResponse.rateLimited(Duration.ofSeconds(2)));
 * server.enqueue(FakeResponse.ok("Paris").latency(Duration.ofMillis(200)));
 * server.enqueue(FakeResponse.ok("one two three").streamCutAfter(2));
 * }</pre>
 */
public final class FakeResponse {

    private static final Set<String> SERVER_MANAGED_HEADERS = Set.of("content-length", "transfer-encoding", "connection");

    /** Mutable only while a modifier builds a new {@code FakeResponse}; never changed once published. */
    static final class Spec {
        int status = 200;
        String content;                 // null: the server's default answer
        String body;                    // null: generated from status and content
        boolean drop;
        List<Map.Entry<String, String>> headers = List.of();
        Duration latency = Duration.ZERO;
        Duration chunkInterval = Duration.ZERO;
        int times = 1;
        int streamCutAfter = -1;
        int streamErrorAfter = -1;
        String streamError;

        Spec copy() {
            Spec copy = new Spec();
            copy.status = status;
            copy.content = content;
            copy.body = body;
            copy.drop = drop;
            copy.headers = headers;
            copy.latency = latency;
            copy.chunkInterval = chunkInterval;
            copy.times = times;
            copy.streamCutAfter = streamCutAfter;
            copy.streamErrorAfter = streamErrorAfter;
            copy.streamError = streamError;
            return copy;
        }

        boolean successful() {
            return !drop && status >= 200 && status < 300;
        }

        boolean forcesStream() {
            return streamCutAfter >= 0 || streamErrorAfter >= 0;
        }
    }

    final Spec spec;

    private FakeResponse(Spec spec) {
        this.spec = spec;
    }

    /** A 200 chat completion whose assistant message is {@code content} (streamed word by word when asked). */
    public static FakeResponse ok(String content) {
        Spec spec = new Spec();
        spec.content = Objects.requireNonNull(content, "content");
        return new FakeResponse(spec);
    }

    /**
     * Status {@code status} with its reason phrase and a realistic error body (OpenAI style;
     * Anthropic's {@code overloaded_error} for 529). A 2xx status gives the default answer.
     */
    public static FakeResponse status(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be between 200 and 599, was " + status);
        }
        Spec spec = new Spec();
        spec.status = status;
        return new FakeResponse(spec);
    }

    /** 429 with {@code Retry-After} (seconds, rounded up), {@code retry-after-ms} and code {@code rate_limit_exceeded}. */
    public static FakeResponse rateLimited(Duration retryAfter) {
        requireNotNegative(retryAfter, "retryAfter");
        long millis = retryAfter.toMillis() + (retryAfter.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
        long seconds = (millis + 999) / 1000;
        return status(429)
                .body(OpenAiBodies.error("Rate limit reached for requests on requests per min (RPM): Limit 3, Used 3, "
                        + "Requested 1. Please try again in " + humanDuration(millis) + ". Visit "
                        + "https://platform.openai.com/account/rate-limits to learn more.",
                        "requests", null, "rate_limit_exceeded"))
                .header("Retry-After", Long.toString(seconds))
                .header("retry-after-ms", Long.toString(millis));
    }

    /** 429 {@code insufficient_quota}: billing is exhausted, waiting will not help. */
    public static FakeResponse quotaExhausted() {
        return status(429).body(OpenAiBodies.error("You exceeded your current quota, please check your plan and "
                + "billing details. For more information on this error, read the docs: "
                + "https://platform.openai.com/docs/guides/error-codes/api-errors.",
                "insufficient_quota", null, "insufficient_quota"));
    }

    /** 400 {@code context_length_exceeded}: the prompt is too long for the model. */
    public static FakeResponse contextLengthExceeded() {
        return status(400).body(OpenAiBodies.error("This model's maximum context length is 128000 tokens. However, "
                + "your messages resulted in 130412 tokens. Please reduce the length of the messages.",
                "invalid_request_error", "messages", "context_length_exceeded"));
    }

    /** 400 {@code invalid_request_error} with {@code message}. */
    public static FakeResponse badRequest(String message) {
        return status(400).body(OpenAiBodies.error(Objects.requireNonNull(message, "message"),
                "invalid_request_error", null, null));
    }

    /** Reads the request, then closes the connection without a single byte of response. */
    public static FakeResponse dropConnection() {
        Spec spec = new Spec();
        spec.drop = true;
        return new FakeResponse(spec);
    }

    /** Serves this response {@code count} times in a row when enqueued (default 1). */
    public FakeResponse times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("times must be >= 1, was " + count);
        }
        return with(s -> s.times = count);
    }

    /** Adds a response header; {@code Content-Length}, {@code Transfer-Encoding} and {@code Connection} belong to the server. */
    public FakeResponse header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank() || SERVER_MANAGED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("header '" + name + "' cannot be scripted: the server sets it");
        }
        if ((name + value).chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("header '" + name + "' must not contain CR or LF");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>(spec.headers);
        headers.add(Map.entry(name, value));
        return with(s -> s.headers = List.copyOf(headers));
    }

    /** Sends {@code json} verbatim as the body (as {@code application/json}); such an answer is never streamed. */
    public FakeResponse body(String json) {
        Objects.requireNonNull(json, "json");
        requireNotDropped("body");
        if (spec.forcesStream()) {
            throw new IllegalStateException("body replaces the streamed answer of " + this + "; choose one");
        }
        return with(s -> s.body = json);
    }

    /** Waits {@code delay} (really) before the first byte of the answer, or before dropping the connection. */
    public FakeResponse latency(Duration delay) {
        requireNotNegative(delay, "latency");
        return with(s -> s.latency = delay);
    }

    /** Waits {@code interval} between streamed chunks, so a client sees the answer arrive over time. */
    public FakeResponse chunkInterval(Duration interval) {
        requireNotNegative(interval, "chunkInterval");
        return with(s -> s.chunkInterval = interval);
    }

    /**
     * Streams {@code chunks} content chunks, then closes the connection abruptly: no final chunk,
     * no {@code data: [DONE]}. The answer is streamed even if the request did not ask for it. The cut comes one
     * {@link #chunkInterval} after the last chunk; with no interval, the JDK's HttpClient may report the cut before
     * it hands over the chunks it had buffered, so give one (a few ms) when a test counts the chunks received.
     */
    public FakeResponse streamCutAfter(int chunks) {
        requireStreamable("streamCutAfter", chunks);
        return with(s -> s.streamCutAfter = chunks);
    }

    /** Streams {@code chunks} content chunks, then a {@code server_error} event, then ends the stream. */
    public FakeResponse streamErrorAfter(int chunks) {
        return streamErrorAfter(chunks, OpenAiBodies.error(
                "The server had an error while processing your request. Sorry about that!", "server_error", null, null));
    }

    /** Streams {@code chunks} content chunks, then the event {@code data: <errorJson>}, then ends the stream. */
    public FakeResponse streamErrorAfter(int chunks, String errorJson) {
        requireStreamable("streamErrorAfter", chunks);
        Objects.requireNonNull(errorJson, "errorJson");
        return with(s -> {
            s.streamErrorAfter = chunks;
            s.streamError = errorJson;
        });
    }

    @Override
    public String toString() {
        String what = spec.drop ? "dropConnection" : spec.status + " " + StatusCatalog.reason(spec.status);
        return "FakeResponse[" + what + (spec.times > 1 ? " x" + spec.times : "")
                + (spec.latency.isZero() ? "" : " after " + spec.latency.toMillis() + "ms")
                + (spec.streamCutAfter >= 0 ? " stream cut after " + spec.streamCutAfter : "")
                + (spec.streamErrorAfter >= 0 ? " stream error after " + spec.streamErrorAfter : "") + "]";
    }

    private FakeResponse with(java.util.function.Consumer<Spec> change) {
        Spec copy = spec.copy();
        change.accept(copy);
        return new FakeResponse(copy);
    }

    private void requireStreamable(String modifier, int chunks) {
        if (chunks < 0) {
            throw new IllegalArgumentException(modifier + " needs chunks >= 0, was " + chunks);
        }
        if (!spec.successful() || spec.body != null) {
            throw new IllegalStateException(modifier + " applies to a streamed answer such as FakeResponse.ok(...), not to " + this);
        }
    }

    private void requireNotDropped(String modifier) {
        if (spec.drop) {
            throw new IllegalStateException(modifier + " makes no sense on dropConnection(): nothing is sent");
        }
    }

    private static void requireNotNegative(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + duration);
        }
    }

    private static String humanDuration(long millis) {
        return millis < 1000 ? millis + "ms" : java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
