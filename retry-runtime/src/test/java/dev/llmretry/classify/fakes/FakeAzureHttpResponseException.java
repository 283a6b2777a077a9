package dev.llmretry.classify.fakes;

import java.util.Map;
import java.util.TreeMap;

/**
 * Mimics {@code com.azure.core.exception.HttpResponseException}: the status and headers live on
 * {@code getResponse()}, the deserialized body on {@code getValue()}.
 */
public class FakeAzureHttpResponseException extends RuntimeException {
    private final Response response;
    private final Object value;

    public FakeAzureHttpResponseException(String message, int status, Map<String, String> headers, Object value) {
        super(message);
        this.response = new Response(status, headers);
        this.value = value;
    }

    public Response getResponse() { return response; }

    public Object getValue() { return value; }

    /** Like Azure's {@code HttpResponse}. */
    public static final class Response {
        private final int status;
        private final Headers headers;

        Response(int status, Map<String, String> headers) {
            this.status = status;
            this.headers = new Headers(headers);
        }

        public int getStatusCode() { return status; }

        public Headers getHeaders() { return headers; }

        public String getHeaderValue(String name) { return headers.getValue(name); }
    }

    /** Like Azure's {@code HttpHeaders}: {@code getValue(String)}. */
    public static final class Headers {
        private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Headers(Map<String, String> values) { this.values.putAll(values); }

        public String getValue(String name) { return values.get(name); }
    }
}
