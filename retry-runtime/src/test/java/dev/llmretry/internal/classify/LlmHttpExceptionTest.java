package dev.llmretry.internal.classify;

import static dev.llmretry.internal.classify.Fixtures.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LlmHttpExceptionTest {

    @Test
    void rateLimitResponse_message_hasStatusReasonPhraseAndBodyExcerpt() {
        LlmHttpException e = new LlmHttpException(429, Map.of(), "{\"error\":{\"code\":\"rate_limit_exceeded\"}}");

        assertEquals("429 Too Many Requests: {\"error\":{\"code\":\"rate_limit_exceeded\"}}", e.getMessage());
        assertEquals(429, e.status());
    }

    @Test
    void longMultiLineBody_message_isFlattenedAndCutAt200Chars() {
        String body = "line one\n\n   line two " + "x".repeat(500);

        String message = new LlmHttpException(503, Map.of(), body).getMessage();

        assertTrue(message.startsWith("503 Service Unavailable: line one line two xxx"), message);
        assertTrue(message.endsWith("..."), message);
        assertTrue(message.length() < 260, message);
    }

    @Test
    void bodyEchoingAnApiKey_message_masksTheKey() {
        String body = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-abcdef1234567890.\"}}";

        String message = new LlmHttpException(401, Map.of(), body).getMessage();

        assertFalse(message.contains("abcdef1234567890"), message);
        assertTrue(message.contains("sk-proj-***"), message);
    }

    @Test
    void headersInAnyCase_lookup_isCaseInsensitive() {
        LlmHttpException e = new LlmHttpException(429, headers("Retry-After", "2", "x-request-id", "req_1"), "");

        assertEquals("2", e.header("retry-after"));
        assertEquals("2", e.header("RETRY-AFTER"));
        assertEquals(List.of("req_1"), e.headers().get("X-Request-Id"));
        assertNull(e.header("missing"));
        assertNull(e.header(null));
    }

    @Test
    void headers_modification_isRejected() {
        LlmHttpException e = new LlmHttpException(500, headers("a", "1"), "");

        assertThrows(UnsupportedOperationException.class, () -> e.headers().put("b", List.of("2")));
        assertThrows(UnsupportedOperationException.class, () -> e.headers().get("a").add("3"));
        assertThrows(UnsupportedOperationException.class, () -> e.headers().entrySet().clear());
    }

    @Test
    void credentialHeaders_toStringAndMessage_neverShowTheirValues() {
        LlmHttpException e = new LlmHttpException(401, headers("Authorization", "Bearer sk-secret-1",
                "api-key", "secret-2", "X-Api-Key", "secret-3", "Proxy-Authorization", "Basic secret-4",
                "x-goog-api-key", "secret-5", "retry-after", "1"), "unauthorized");

        String printed = e.headers() + " " + e + " " + e.getMessage();

        for (String secret : List.of("secret-1", "secret-2", "secret-3", "secret-4", "secret-5")) {
            assertFalse(printed.contains(secret), printed);
        }
        assertTrue(e.headers().toString().contains("retry-after=[1]"), e.headers().toString());
        assertEquals("Bearer sk-secret-1", e.header("authorization"), "masking is for printing only");
    }

    @Test
    void openAiBody_errorCode_isErrorDotCode() {
        String body = "{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\",\"code\":\"credit_balance_exhausted\"}}";

        assertEquals("credit_balance_exhausted", new LlmHttpException(429, Map.of(), body).errorCode());
    }

    @Test
    void anthropicBodyWithoutCode_errorCode_isErrorDotType() {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";

        assertEquals("overloaded_error", new LlmHttpException(529, Map.of(), body).errorCode());
    }

    @Test
    void mistralBodyWithTopLevelType_errorCode_isTheType() {
        String body = "{\"object\":\"error\",\"message\":\"bad\",\"type\":\"invalid_request_error\"}";

        assertEquals("invalid_request_error", new LlmHttpException(400, Map.of(), body).errorCode());
    }

    @Test
    void jsonWithEscapedSlashesAndTabs_errorCode_stillParsed() {
        String body = "{\n\t\"error\": {\n\t\t\"message\": \"see https:\\/\\/x\\/y\",\n\t\t\"code\": \"context_length_exceeded\"\n\t}\n}";

        assertEquals("context_length_exceeded", new LlmHttpException(400, Map.of(), body).errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "<html><body>502 Bad Gateway</body></html>", "{", "{\"error\": [1, 2",
            "not: json: at: all", "[]", "{\"error\": 42}", "&a [*a, *a]", "{\"error\":{\"code\":12}}", "\u0000\uFFFF{]"})
    void garbageBody_errorCode_isNullAndNeverThrows(String body) {
        assertNull(new LlmHttpException(502, Map.of(), body).errorCode());
    }

    @Test
    void hugelyNestedBody_errorCode_isNullAndNeverThrows() {
        String body = "[".repeat(5000) + "]".repeat(5000);

        assertNull(new LlmHttpException(500, Map.of(), body).errorCode());
    }

    @Test
    void nullHeadersAndBody_construction_givesEmptyValues() {
        LlmHttpException e = new LlmHttpException(500, null, null);

        assertTrue(e.headers().isEmpty());
        assertEquals("", e.body());
        assertEquals("500 Internal Server Error", e.getMessage());
        assertNull(e.errorCode());
    }

    @Test
    void causeConstructor_keepsTheCause() {
        IOException cause = new IOException("boom");

        assertSame(cause, new LlmHttpException(502, Map.of(), "", cause).getCause());
    }

    @Test
    void jdkHttpResponse_from_copiesStatusHeadersBodyAndNamesEndpointWithoutQuery() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://user:PASSWORD@api.example.com/v1/chat?key=AIzaSECRET"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = new StubResponse(request, 429,
                Map.of("retry-after", List.of("3")), "{\"error\":{\"code\":\"rate_limit_exceeded\"}}");

        LlmHttpException e = LlmHttpException.from(response);

        assertEquals(429, e.status());
        assertEquals("3", e.header("Retry-After"));
        assertEquals("rate_limit_exceeded", e.errorCode());
        assertTrue(e.getMessage().startsWith("429 Too Many Requests from POST https://api.example.com/v1/chat: "),
                e.getMessage());
        assertFalse(e.getMessage().contains("SECRET") || e.getMessage().contains("PASSWORD"), e.getMessage());
    }

    @Test
    void exception_serializationRoundTrip_keepsCaseInsensitiveHeaders() throws Exception {
        LlmHttpException e = new LlmHttpException(429, headers("Retry-After", "2"), "{\"error\":{\"code\":\"x\"}}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }

        LlmHttpException copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (LlmHttpException) in.readObject();
        }

        assertEquals("2", copy.header("retry-after"));
        assertEquals("x", copy.errorCode());
    }

    private record StubResponse(HttpRequest request, int statusCode, Map<String, List<String>> headerMap, String body)
            implements HttpResponse<String> {
        @Override public HttpHeaders headers() { return HttpHeaders.of(headerMap, (a, b) -> true); }
        @Override public Optional<HttpResponse<String>> previousResponse() { return Optional.empty(); }
        @Override public Optional<SSLSession> sslSession() { return Optional.empty(); }
        @Override public URI uri() { return request.uri(); }
        @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
