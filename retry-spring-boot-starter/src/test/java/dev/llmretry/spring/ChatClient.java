package dev.llmretry.spring;

import dev.llmretry.Endpoint;
import dev.llmretry.LlmHttpException;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmRetry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * A Spring bean with protected methods of every result shape, calling FakeLlmServer endpoints over real HTTP. It is
 * not woven: only the starter's advisor protects it.
 */
public class ChatClient {
    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi"})
    public String complete(String prompt, Endpoint endpoint) throws IOException, InterruptedException {
        return text(send(endpoint, prompt));
    }

    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi"})
    public CompletableFuture<String> completeAsync(String prompt, Endpoint endpoint) {
        return endpoint.httpClient().sendAsync(request(endpoint.url(), prompt), HttpResponse.BodyHandlers.ofString())
                .thenApply(ChatClient::text);
    }

    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi"})
    public Stream<String> words(Endpoint endpoint, String prompt) throws IOException, InterruptedException {
        return Arrays.stream(text(send(endpoint, prompt)).split(" "));
    }

    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi"})
    public Iterator<String> wordIterator(String prompt, Endpoint endpoint) throws IOException, InterruptedException {
        return Arrays.asList(text(send(endpoint, prompt)).split(" ")).iterator();
    }

    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi"})
    public Flow.Publisher<String> wordPublisher(String prompt, Endpoint endpoint) throws IOException, InterruptedException {
        return new ListPublisher<>(Arrays.asList(text(send(endpoint, prompt)).split(" ")));
    }

    /** Retried on its implicit endpoint, against iag's server whatever the endpoint. */
    @LlmRetry(maxAttempts = 3)
    public String askIag(String prompt) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(request(System.getProperty("IAG_URL"), prompt),
                HttpResponse.BodyHandlers.ofString());
        return text(response);
    }

    /** Calls its own protected method: a proxy never sees that call (self-invocation), so it is not retried. */
    public String askIagFromInside(String prompt) throws IOException, InterruptedException {
        return askIag(prompt);
    }

    private static HttpResponse<String> send(Endpoint endpoint, String prompt) throws IOException, InterruptedException {
        return endpoint.httpClient().send(request(endpoint.url(), prompt), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest request(String baseUrl, String prompt) {
        String json = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
        return HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** The answer's content ("Hello from iag! You said: hi"), or the failure llm-retry classifies. */
    static String text(HttpResponse<String> response) {
        if (response.statusCode() >= 300) throw LlmHttpException.from(response);
        String body = response.body();
        int start = body.indexOf("\"content\":\"") + "\"content\":\"".length();
        return body.substring(start, body.indexOf('"', start));
    }

    /** A publisher of a fixed list, for the Flow.Publisher shape. */
    static final class ListPublisher<T> implements Flow.Publisher<T> {
        private final List<T> items;

        ListPublisher(List<T> items) {
            this.items = List.copyOf(items);
        }

        @Override
        public void subscribe(Flow.Subscriber<? super T> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                private int next;
                private boolean done;

                @Override
                public synchronized void request(long n) {
                    for (long i = 0; i < n && next < items.size() && !done; i++) subscriber.onNext(items.get(next++));
                    if (next == items.size() && !done) {
                        done = true;
                        subscriber.onComplete();
                    }
                }

                @Override
                public synchronized void cancel() {
                    done = true;
                }
            });
        }
    }
}
