package dev.llmretry.springai;

import dev.llmretry.LlmHttpException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * A drop-in for Spring AI's {@code RetryUtils.DEFAULT_RESPONSE_ERROR_HANDLER} that keeps the response's headers:
 * it throws the same {@link TransientAiException} (5xx) or {@link NonTransientAiException} (4xx), with the message
 * {@code "HTTP status 429: <body>"}, caused by an {@link LlmHttpException} holding status, headers and body, so that
 * llm-retry reads {@code Retry-After} and the provider's error code. Spring AI's own handler keeps only the status
 * and the body (message {@code "429 - <body>"}). Give it to a RestClient-based provider API (e.g. {@code OllamaApi.builder().responseErrorHandler(..)},
 * {@code MistralAiApi}, ...); the OpenAI and Anthropic models of Spring AI 2 throw their SDK's exceptions, which
 * llm-retry reads already. Stateless and thread-safe.
 *
 * <pre>{@code
 * RestClient.builder().baseUrl(url).defaultStatusHandler(new LlmErrorHandler()).build();
 * }</pre>
 */
public final class LlmErrorHandler implements ResponseErrorHandler {
    @Override
    public boolean hasError(ClientHttpResponse response) throws IOException {
        return response.getStatusCode().isError();
    }

    @Override
    public void handleError(URI url, HttpMethod method, ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        String body = StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.getHeaders().forEach(headers::put);
        LlmHttpException cause = new LlmHttpException(status, headers, body);
        // not Spring AI's "429 - body": that prefix would make the classifier read the status from the message and
        // stop there, before the cause that carries the headers
        String message = "HTTP status " + status + ": " + body;
        if (response.getStatusCode().is4xxClientError()) throw new NonTransientAiException(message, cause);
        throw new TransientAiException(message, cause);
    }
}
