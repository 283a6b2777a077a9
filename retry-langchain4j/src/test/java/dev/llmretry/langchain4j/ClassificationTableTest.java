package dev.llmretry.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.chat.ChatModel;
import dev.llmretry.classify.Decision;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.RetryScheduled;
import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import dev.llmretry.testing.LlmRetryTest;
import dev.llmretry.testing.RecordedEvents;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table in docs/langchain4j.md, row by row: what the real OpenAiChatModel throws for each answer of the server,
 * and what llm-retry decides (read from the events for RETRY and FAILOVER; for ABORT, the exception thrown at once and
 * the reason in its log line).
 */
@LlmRetryTest
class ClassificationTableTest {
    @RegisterExtension static final FakeLlmServer iag = FakeLlmServer.named("iag");
    @RegisterExtension static final FakeLlmServer oneapi = FakeLlmServer.named("oneapi");

    record Row(String answer, FakeResponse response, String exception, Decision decision, String reason) {
        @Override
        public String toString() {
            return answer + " -> " + exception + " -> " + decision + " " + reason;
        }
    }

    private static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("500", FakeResponse.status(500), "InternalServerException", Decision.RETRY, "server_error"),
                new Row("503", FakeResponse.status(503), "InternalServerException", Decision.RETRY, "server_error"),
                new Row("504", FakeResponse.status(504), "InternalServerException", Decision.RETRY, "server_error"),
                new Row("529", FakeResponse.status(529), "InternalServerException", Decision.RETRY, "overloaded"),
                new Row("408", FakeResponse.status(408), "TimeoutException", Decision.RETRY, "timeout"),
                new Row("429 rate_limit_exceeded", FakeResponse.rateLimited(Duration.ofSeconds(2)),
                        "RateLimitException", Decision.RETRY, "rate_limited"),
                new Row("connection dropped", FakeResponse.dropConnection(), "RuntimeException", Decision.RETRY,
                        "connection"),
                new Row("429 insufficient_quota", FakeResponse.quotaExhausted(), "RateLimitException",
                        Decision.FAILOVER, "quota_exhausted"),
                new Row("401", FakeResponse.status(401), "AuthenticationException", Decision.FAILOVER, "unauthorized"),
                new Row("403", FakeResponse.status(403), "AuthenticationException", Decision.FAILOVER, "forbidden"),
                new Row("404", FakeResponse.status(404), "ModelNotFoundException", Decision.FAILOVER, "not_found"),
                new Row("400", FakeResponse.badRequest("'temperature' must be <= 2"), "InvalidRequestException",
                        Decision.ABORT, "bad_request"),
                new Row("400 context_length_exceeded", FakeResponse.contextLengthExceeded(), "InvalidRequestException",
                        Decision.ABORT, "context_length"),
                new Row("400 content_filter", FakeResponse.status(400).body(error("The response was filtered due to "
                        + "the prompt triggering content management policy.", "invalid_request_error", "content_filter")),
                        "InvalidRequestException", Decision.ABORT, "content_policy"),
                new Row("413", FakeResponse.status(413), "InvalidRequestException", Decision.ABORT, "payload_too_large"),
                new Row("422", FakeResponse.status(422), "InvalidRequestException", Decision.ABORT, "unprocessable"));
    }

    private static ChatModel resilient() {
        return ResilientChatModel.builder()
                .endpoint("iag", Models.chat(iag))
                .endpoint("oneapi", Models.chat(oneapi))
                .retry("default")
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void firstEndpointAnswers_realOpenAiChatModelThrows_llmRetryDecides(Row row, RecordedEvents events) {
        iag.enqueue(row.response());
        ChatModel model = resilient();
        RuntimeException thrown = null;
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));

        try {
            String answer = model.chat("Hello");
            assertTrue(answer.contains(row.decision() == Decision.RETRY ? "iag" : "oneapi"), answer);
        } catch (RuntimeException e) {
            thrown = e;
        } finally {
            System.setErr(stderr);
        }

        switch (row.decision()) {
            case RETRY -> {
                RetryScheduled retry = events.retries().get(0);
                assertEquals(row.exception(), retry.cause().getClass().getSimpleName());
                assertEquals(row.reason(), retry.reason());
                assertEquals(2, iag.requestCount());
            }
            case FAILOVER -> {
                FailedOver failover = events.failovers().get(0);
                assertEquals(row.exception(), failover.cause().getClass().getSimpleName());
                assertEquals(row.reason(), failover.reason());
                assertEquals(1, iag.requestCount());
                assertEquals(1, oneapi.requestCount());
            }
            case ABORT -> {
                assertNotNull(thrown, "an aborted call throws");
                assertEquals(row.exception(), thrown.getClass().getSimpleName());
                // an ABORT has no event: its reason is in the WARN line (slf4j-simple writes it to System.err)
                String logged = log.toString(java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(logged.contains("Not retried: " + row.reason() + " "), logged);
                assertEquals(1, iag.requestCount() + oneapi.requestCount());
                assertEquals(0, events.retries().size() + events.failovers().size());
            }
        }
        if (row.decision() != Decision.ABORT) assertNull(thrown);
    }
}
