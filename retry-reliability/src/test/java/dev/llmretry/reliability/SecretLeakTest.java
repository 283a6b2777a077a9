package dev.llmretry.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.EndpointsUnavailableException;
import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.LlmRetryEvent;
import dev.llmretry.event.LlmRetryListener;
import dev.llmretry.event.RetryScheduled;
import dev.llmretry.event.StreamIncomplete;
import dev.llmretry.AttemptTimeoutException;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import dev.llmretry.time.TimeSource;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API keys and proxy passwords from retry.yaml, also echoed back by the upstream inside its error bodies and
 * messages, must not appear in anything the library writes: log lines, events, the exceptions it creates, the
 * {@code toString()} of endpoints and configuration, the health JSON and the persisted health file.
 */
class SecretLeakTest {
    static final String API_KEY = "AKLEAK-7f3a9c2e1b";      // matches no secret-looking pattern: only the config knows it
    static final String PROXY_PASSWORD = "PWLEAK-55aa77bb";
    static final String OTHER_KEY = "sk-leakleak-0123456789"; // shaped like an OpenAI key
    static final List<String> SECRETS = List.of(API_KEY, PROXY_PASSWORD, OTHER_KEY);
    static final Path LOG = Path.of("target", "reliability-test.log");

    final List<LlmRetryEvent> events = new CopyOnWriteArrayList<>();
    final LlmRetryListener recorder = new LlmRetryListener() {
        @Override public void onRetryScheduled(RetryScheduled e) { events.add(e); }
        @Override public void onFailover(FailedOver e) { events.add(e); }
        @Override public void onCircuitStateChange(CircuitStateChanged e) { events.add(e); }
        @Override public void onStreamIncomplete(StreamIncomplete e) { events.add(e); }
        @Override public void onSuccess(CallSucceeded e) { events.add(e); }
        @Override public void onExhausted(CallExhausted e) { events.add(e); }
    };

    @TempDir Path dir;

    LlmRuntime.Installation installation;

    @AfterEach
    void restore() {
        LlmResilience.removeListener(recorder);
        if (installation != null) installation.close();
        Thread.interrupted();
    }

    static String yaml(Path healthFile) {
        return """
                retry:
                  slow: { max-attempts: 2, initial-backoff: 1ms, max-backoff: 2ms, attempt-timeout: 20ms }
                circuit-breaker:
                  default: { failure-threshold: 3, recovery-time: 10m, success-threshold: 1, half-open-max-calls: 1 }
                endpoints:
                  iag:    { url: "https://iag.example/v1", api-key: "%s", priority: 1,
                            proxy: { https: "http://proxy.example:8080", username: bob, password: "%s" } }
                  oneapi: { url: "https://oneapi.example/v1", api-key: "%s", priority: 2 }
                health:
                  file: "%s"
                """.formatted(API_KEY, PROXY_PASSWORD, OTHER_KEY, healthFile.toString().replace("\\\\", "/"));
    }

    static List<Supplier<Exception>> echoingFailures() {
        String body = "{\"error\":{\"message\":\"Incorrect API key provided: " + API_KEY + " (proxy " + PROXY_PASSWORD
                + ", " + OTHER_KEY + ")\",\"type\":\"invalid_request_error\"}}";
        return List.of(
                () -> new LlmHttpException(503, Map.of("x-echo-key", List.of(API_KEY)), body),
                () -> new ConnectException("Proxy authentication failed for bob:" + PROXY_PASSWORD + " key " + API_KEY),
                () -> new LlmHttpException(429, Map.of(), "{\"error\":{\"code\":\"insufficient_quota\",\"message\":\"" + OTHER_KEY + "\"}}"),
                () -> new IOException("Authorization: Bearer " + API_KEY + " rejected, password=" + PROXY_PASSWORD),
                () -> new LlmHttpException(401, Map.of(), body),
                () -> new LlmHttpException(400, Map.of(), body));
    }

    @Test
    void failingCallsEchoingSecrets_everyOutputSearched_noSecretAnywhere() throws Exception {
        org.slf4j.LoggerFactory.getLogger("dev.llmretry"); // slf4j-simple (re)creates its log file when it starts
        long logOffset = Files.exists(LOG) ? Files.size(LOG) : 0;
        Path healthFile = dir.resolve("health.json");
        LlmRuntime rt = LlmRuntime.get();
        LlmRetryConfig config = ConfigLoader.parse("secret retry.yaml", yaml(healthFile), v -> null);
        installation = rt.install(TimeSource.system(), RandomSource.seeded(3), config);
        LlmResilience.addListener(recorder);
        ScriptedUpstream upstream = new ScriptedUpstream(echoingFailures());
        ScriptedUpstream hanging = new ScriptedUpstream(List.of());
        SecretService service = new SecretService(upstream, hanging);

        List<Throwable> thrown = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            thrown.add(assertThrows(Exception.class, () -> service.chat("q", null)));
            ExecutionException async = assertThrows(ExecutionException.class, () -> service.chatAsync("q", null).get());
            thrown.add(async.getCause());
        }
        thrown.add(assertThrows(AttemptTimeoutException.class, () -> service.slow("q", null)));
        assertTrue(thrown.stream().anyMatch(EndpointsUnavailableException.class::isInstance), "circuits opened");
        LlmRetryConfigException badConfig = assertThrows(LlmRetryConfigException.class,
                () -> ConfigLoader.parse("bad retry.yaml", yaml(healthFile).replace("password: \"" + PROXY_PASSWORD + "\"",
                        "password: [\"" + PROXY_PASSWORD + "\"]").replace("priority: 2", "priority: high"), v -> null));

        OutputSearch search = new OutputSearch(SECRETS);
        String log = newLogText(logOffset);
        assertTrue(log.contains("Attempt") && log.contains("Circuit"), "the library logged the failures:\n" + log);
        search.text("log", log);
        assertFalse(events.isEmpty());
        events.forEach(search::event);
        for (Throwable t : thrown) libraryCreated(t, search);
        search.text("LlmRetryConfigException", badConfig.getMessage()).text("LlmRetryConfigException.toString()", badConfig.toString());
        search.text("LlmRetryConfig.toString()", config.toString());
        config.endpoints().values().forEach(e -> search.text("EndpointSettings.toString()", e.toString())
                .text("ProxySettings.toString()", String.valueOf(e.proxy())));
        upstream.endpointsSeen().forEach(e -> search.text("Endpoint.toString()", e.toString())
                .text("Endpoint.proxySelector().toString()", String.valueOf(e.proxySelector())));
        search.text("health JSON", LlmResilience.health().toJson());
        search.text("health toString", LlmResilience.health().toString());
        assertTrue(rt.flushHealth(java.time.Duration.ofSeconds(10)) && Files.exists(healthFile), "health was persisted");
        search.text("persisted health file", Files.readString(healthFile));
        assertEquals(List.of(), search.leaks());
        assertTrue(upstream.endpointsSeen().stream().anyMatch(e -> API_KEY.equals(e.apiKey())),
                "the body still gets the real key");
    }

    /** Exceptions the library itself creates are searched (their message and toString); upstream ones are the upstream's. */
    private static void libraryCreated(Throwable t, OutputSearch search) {
        List<Throwable> all = new ArrayList<>(List.of(t));
        all.addAll(Arrays.asList(t.getSuppressed()));
        for (Throwable e : all) {
            if (e.getClass().getName().startsWith("dev.llmretry.") && !(e instanceof LlmHttpException)) {
                search.text(e.getClass().getSimpleName() + ".getMessage()", e.getMessage())
                        .text(e.getClass().getSimpleName() + ".toString()", e.toString());
            }
        }
    }

    private static String newLogText(long offset) throws IOException {
        byte[] all = Files.readAllBytes(LOG);
        return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
    }
}
