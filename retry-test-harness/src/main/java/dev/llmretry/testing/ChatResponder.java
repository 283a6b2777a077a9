package dev.llmretry.testing;

import dev.llmretry.testing.server.Exchange;
import dev.llmretry.testing.server.IncomingRequest;
import dev.llmretry.testing.server.LoopbackHttpServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Routes requests of a {@link FakeLlmServer} and writes its answers: chat completions as JSON or
 * SSE, scripted errors, dropped connections. Stateless apart from the shared {@link ResponseScript};
 * thread-safe.
 */
final class ChatResponder implements LoopbackHttpServer.Handler {

    static final String CHAT_PATH = "/v1/chat/completions";
    private static final String MODELS_PATH = "/v1/models";
    private static final String DEFAULT_MODEL = "fake-model";
    private static final String JSON = "application/json";

    private final String serverName;
    private final ResponseScript script;

    ChatResponder(String serverName, ResponseScript script) {
        this.serverName = serverName;
        this.script = script;
    }

    @Override
    public void handle(IncomingRequest request, Exchange exchange) throws IOException {
        String path = request.path();
        String method = request.method();
        if (CHAT_PATH.equals(path) && "POST".equals(method)) {
            ResponseScript.Turn turn = script.take(request);
            FakeResponse response = turn.response() != null ? turn.response() : defaultAnswer(turn.request());
            answer(turn.request(), response, exchange);
            return;
        }
        RecordedRequest recorded = script.record(request);
        if (CHAT_PATH.equals(path)) {
            sendError(exchange, recorded, 405, "Invalid method for URL (" + method + " " + path + "). Use POST.",
                    List.of(Map.entry("Allow", "POST")));
        } else if (MODELS_PATH.equals(path) && "GET".equals(method)) {
            exchange.respond(200, "OK", headers(recorded, JSON, List.of()),
                    OpenAiBodies.models(DEFAULT_MODEL, serverName, epochSeconds()));
        } else {
            sendError(exchange, recorded, 404, "Invalid URL (" + method + " " + path + ")", List.of());
        }
    }

    private FakeResponse defaultAnswer(RecordedRequest request) {
        if (!request.jsonObject()) {
            return FakeResponse.badRequest("We could not parse the JSON body of your request. The OpenAI API "
                    + "expects a JSON payload, but what was sent was not valid JSON.");
        }
        return FakeResponse.ok(defaultText(request));
    }

    private String defaultText(RecordedRequest request) {
        String said = request.lastUserMessage();
        return "Hello from " + serverName + "!" + (said == null || said.isBlank() ? "" : " You said: " + said);
    }

    private void answer(RecordedRequest request, FakeResponse response, Exchange exchange) throws IOException {
        FakeResponse.Spec spec = response.spec;
        if (!exchange.pause(spec.latency) || spec.drop) {
            exchange.drop();
            return;
        }
        String reason = StatusCatalog.reason(spec.status);
        if (!spec.successful() || spec.body != null || spec.status == 204) {
            String body = spec.body != null ? spec.body : spec.successful() ? "" : StatusCatalog.errorBody(spec.status);
            exchange.respond(spec.status, reason, headers(request, JSON, spec.headers), body);
            return;
        }
        String content = spec.content != null ? spec.content : defaultText(request);
        if (request.stream() || spec.forcesStream()) {
            stream(request, spec, content, exchange);
        } else {
            exchange.respond(spec.status, reason, headers(request, JSON, spec.headers), OpenAiBodies.completion(
                    completionId(request), epochSeconds(), model(request), content, request.promptWords(),
                    tokens(content).size()));
        }
    }

    private void stream(RecordedRequest request, FakeResponse.Spec spec, String content, Exchange exchange) throws IOException {
        exchange.startStream(spec.status, StatusCatalog.reason(spec.status),
                headers(request, "text/event-stream; charset=utf-8", spec.headers));
        String id = completionId(request);
        long created = epochSeconds();
        String model = model(request);
        List<String> tokens = tokens(content);
        int stopAfter = spec.streamCutAfter >= 0 ? spec.streamCutAfter
                : spec.streamErrorAfter >= 0 ? spec.streamErrorAfter : tokens.size();
        for (int i = 0; i < Math.min(stopAfter, tokens.size()); i++) {
            if (i > 0 && !exchange.pause(spec.chunkInterval)) {
                exchange.drop();
                return;
            }
            exchange.sendChunk(event(OpenAiBodies.contentChunk(id, created, model, tokens.get(i), i == 0)));
        }
        if (spec.streamCutAfter >= 0) {
            exchange.pause(spec.chunkInterval); // the cut comes one interval after the last chunk, like the next one would
            exchange.drop();
            return;
        }
        if (spec.streamErrorAfter >= 0) {
            exchange.sendChunk(event(spec.streamError));
        } else {
            exchange.sendChunk(event(OpenAiBodies.finishChunk(id, created, model)));
            exchange.sendChunk(event("[DONE]"));
        }
        exchange.endStream();
    }

    private void sendError(Exchange exchange, RecordedRequest request, int status, String message,
                           List<Map.Entry<String, String>> extraHeaders) throws IOException {
        exchange.respond(status, StatusCatalog.reason(status), headers(request, JSON, extraHeaders),
                OpenAiBodies.error(message, "invalid_request_error", null, null));
    }

    /** Splits before each run of whitespace, so that joining the tokens gives back the text exactly. */
    static List<String> tokens(String content) {
        return content.isEmpty() ? List.of() : List.of(content.split("(?<=\\S)(?=\\s)"));
    }

    /** One SSE event; a multi-line payload becomes several {@code data:} lines, as the SSE format requires. */
    private static String event(String data) {
        return "data: " + data.replace("\r\n", "\n").replace("\n", "\ndata: ") + "\n\n";
    }

    private List<Map.Entry<String, String>> headers(RecordedRequest request, String contentType,
                                                    List<Map.Entry<String, String>> scripted) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(scripted.size() + 2);
        if (scripted.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"))) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        headers.add(Map.entry("x-request-id", "req_" + serverName + "_" + request.sequence()));
        headers.addAll(scripted);
        return headers;
    }

    private String completionId(RecordedRequest request) {
        return "chatcmpl-" + serverName + "-" + request.sequence();
    }

    private static String model(RecordedRequest request) {
        return request.model() != null ? request.model() : DEFAULT_MODEL;
    }

    private static long epochSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
