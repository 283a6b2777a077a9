package dev.llmretry.spring;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import dev.llmretry.testing.LlmRetryTest;
import dev.llmretry.testing.RecordedEvents;
import dev.llmretry.testing.VirtualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The starter in a running application on a random port: a bean protected without any weaving, its calls over real
 * HTTP to two FakeLlmServer endpoints, the Actuator endpoints called over HTTP, the meters and the observation. One
 * Spring context for all of these (contexts are slow to start); the harness gives each test virtual time and fresh
 * circuits, with the same retry.yaml the context was started with. The protected bean is held in a field: the
 * harness's weaving check recognises the starter's proxy and does not take its unwoven class for a mistake.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "llmretry.config=classpath:spring-retry-test.yaml",
        "management.endpoints.web.exposure.include=health,llmretry",
        "management.endpoint.health.show-details=always"})
@LlmRetryTest(config = "spring-retry-test.yaml")
class LlmRetryStarterTest {
    @RegisterExtension static FakeLlmServer iag = FakeLlmServer.named("iag");
    @RegisterExtension static FakeLlmServer oneapi = FakeLlmServer.named("oneapi");

    @BeforeAll
    static void pointTheEndpointsAtTheFakeServers() {
        System.setProperty("IAG_URL", iag.baseUrl());
        System.setProperty("ONEAPI_URL", oneapi.baseUrl());
    }

    @LocalServerPort int port;
    @Autowired ApplicationContext context;
    @Autowired ChatClient chat;

    private final HttpClient http = HttpClient.newHttpClient();

    private ChatClient chat() {
        return chat;
    }

    @Test
    void beanWithoutWeaving_isProxied_andNoWeaverIsOnTheClassPath() {
        assertTrue(AopUtils.isCglibProxy(chat()), chat().getClass().getName());
        assertFalse(Protection.woven(method("complete")), "ChatClient must not be woven in this module");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.aspectj.weaver.Advice"));
    }

    @Test
    void threeGatewayTimeouts_circuitOpens_failsOverToOneapi_endpointInjected(RecordedEvents events) throws Exception {
        iag.enqueue(FakeResponse.status(504).times(3));

        String answer = chat().complete("hi", null);

        assertEquals("Hello from oneapi! You said: hi", answer);
        assertEquals(3, iag.requestCount());
        events.assertThat().attempted("iag", "iag", "iag", "oneapi").waited(seconds(1), seconds(2))
                .circuitOpened("iag").failedOver("iag", "oneapi").succeededOn("oneapi");
    }

    @Test
    void asyncResult_retriedWithoutBlocking_onTheSameEndpoint(RecordedEvents events, VirtualClock clock)
            throws Exception {
        iag.enqueue(FakeResponse.status(503));

        CompletableFuture<String> answer = chat().completeAsync("hi", null);
        // the 503 arrives on the HTTP client's thread, then the retry waits on the virtual clock: move it 100 ms per
        // poll until the call is done (its 5-minute max-duration watchdog is 3,000 polls away)
        await().until(() -> {
            clock.advance(java.time.Duration.ofMillis(100));
            return answer.isDone();
        });

        assertEquals("Hello from iag! You said: hi", answer.get(10, java.util.concurrent.TimeUnit.SECONDS));
        events.assertThat().attempted("iag", "iag").waited(seconds(1));
    }

    @Test
    void streamIteratorAndPublisher_retriedUntilTheFirstElement(RecordedEvents events) throws Exception {
        iag.enqueue(FakeResponse.status(401).times(3));   // fail over at once, for each of the three calls

        List<String> fromStream = chat().words(null, "a b").collect(Collectors.toList());
        List<String> fromIterator = new ArrayList<>();
        for (Iterator<String> it = chat().wordIterator("a b", null); it.hasNext(); ) fromIterator.add(it.next());
        List<String> fromPublisher = collect(chat().wordPublisher("a b", null));

        List<String> expected = List.of("Hello", "from", "oneapi!", "You", "said:", "a", "b");
        assertEquals(expected, fromStream);
        assertEquals(expected, fromIterator);
        assertEquals(expected, fromPublisher);
        events.assertThat().attempted("iag", "oneapi", "iag", "oneapi", "iag", "oneapi");
    }

    @Test
    void selfInvocation_isNotIntercepted_soItIsNotRetried() throws Exception {
        iag.enqueue(FakeResponse.status(503));
        assertEquals("Hello from iag! You said: x", chat().askIag("x"));   // through the proxy: one retry

        iag.enqueue(FakeResponse.status(503));
        LlmHttpException unprotected = assertThrows(LlmHttpException.class, () -> chat().askIagFromInside("y"));

        assertEquals(503, unprotected.status());
        assertEquals(3, iag.requestCount());
    }

    @Test
    void actuatorEndpoint_overHttp_showsOpenCircuit_resetsIt_and404sUnknownNames() throws Exception {
        iag.always(FakeResponse.status(504));
        chat().complete("hi", null);

        HttpResponse<String> health = get("/actuator/llmretry");
        assertEquals(200, health.statusCode());
        assertTrue(health.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(health.body().startsWith("{\"iag\":{\"state\":\"circuit_open\""), health.body());
        assertTrue(health.body().contains("\"oneapi\":{\"state\":\"healthy\""), health.body());

        HttpResponse<String> reset = post("/actuator/llmretry/iag/reset");
        assertEquals(200, reset.statusCode(), reset.body());
        assertTrue(reset.body().startsWith("{\"name\":\"iag\",\"state\":\"degraded\""), reset.body()); // closed, recent failures
        assertTrue(get("/actuator/llmretry").body().startsWith("{\"iag\":{\"state\":\"degraded\""));

        HttpResponse<String> unknown = post("/actuator/llmretry/onapi/reset");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("\"known\":[\"iag\",\"oneapi\"]"), unknown.body());
        assertTrue(unknown.body().contains("No circuit breaker named 'onapi'"), unknown.body());
    }

    @Test
    void healthContributor_upWhileOneCircuitIsOpen_downWhenAllAre_neverShowsTheApiKey() throws Exception {
        iag.always(FakeResponse.status(504).body("{\"error\":{\"message\":\"bad key sk-spring-SECRET-0042\"}}"));
        chat().complete("hi", null);

        HttpResponse<String> someOpen = get("/actuator/health/llmRetry");
        assertEquals(200, someOpen.statusCode());
        assertTrue(someOpen.body().contains("\"status\":\"UP\""), someOpen.body());
        assertTrue(someOpen.body().contains("\"open_circuits\":[\"iag\"]"), someOpen.body());

        oneapi.always(FakeResponse.status(504));
        assertThrows(LlmHttpException.class, () -> chat().complete("again", null));

        HttpResponse<String> allOpen = get("/actuator/health/llmRetry");
        assertEquals(503, allOpen.statusCode());
        assertTrue(allOpen.body().contains("\"status\":\"DOWN\""), allOpen.body());
        for (String body : List.of(someOpen.body(), allOpen.body(), get("/actuator/llmretry").body())) {
            assertFalse(body.contains("SECRET"), body);
        }
    }

    @Test
    void metersAndObservation_recordedInTheApplicationsRegistries() throws Exception {
        SimpleMeterRegistry meters = context.getBean(SimpleMeterRegistry.class);
        TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
        String name = ChatClient.class.getName() + "#complete";
        double failedOverBefore = count(meters, "llmretry.calls", "name", name, "outcome", "failed_over");
        double failoversBefore = count(meters, "llmretry.failovers", "from", "iag", "to", "oneapi", "reason", "circuit_open");
        observations.clear();   // the registries live as long as the context: earlier tests' calls are in them
        iag.enqueue(FakeResponse.status(504).times(3));

        chat().complete("hi", null);

        assertEquals(failedOverBefore + 1, count(meters, "llmretry.calls", "name", name, "outcome", "failed_over"));
        assertEquals(failoversBefore + 1,
                count(meters, "llmretry.failovers", "from", "iag", "to", "oneapi", "reason", "circuit_open"));
        assertEquals(1.0, meters.get("llmretry.circuit.state").tags("endpoint", "iag", "state", "open").gauge().value());
        assertThat(observations).hasNumberOfObservationsWithNameEqualTo("llmretry.call", 1)
                .hasObservationWithNameEqualTo("llmretry.call").that()
                .hasLowCardinalityKeyValue("llmretry.name", name)
                .hasLowCardinalityKeyValue("llmretry.outcome", "failed_over")
                .hasLowCardinalityKeyValue("llmretry.endpoint", "oneapi")
                .hasLowCardinalityKeyValue("error.type", "none")
                .hasHighCardinalityKeyValue("http.request.resend_count", "3")
                .hasBeenStopped();
        // Spring Boot's meter handler makes a timer of the observation, tagged with its low-cardinality keys
        assertTrue(meters.find("llmretry.call").tags("llmretry.outcome", "failed_over", "error.type", "none")
                .timer().count() >= 1);
    }

    private static double count(SimpleMeterRegistry meters, String name, String... tags) {
        io.micrometer.core.instrument.Counter c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static java.lang.reflect.Method method(String name) {
        for (java.lang.reflect.Method m : ChatClient.class.getDeclaredMethods()) if (m.getName().equals(name)) return m;
        throw new IllegalArgumentException(name);
    }

    private static java.time.Duration seconds(long s) {
        return java.time.Duration.ofSeconds(s);
    }

    private static List<String> collect(Flow.Publisher<String> publisher) throws Exception {
        CompletableFuture<List<String>> done = new CompletableFuture<>();
        List<String> items = new ArrayList<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
            public void onNext(String item) { items.add(item); }
            public void onError(Throwable t) { done.completeExceptionally(t); }
            public void onComplete() { done.complete(items); }
        });
        return done.get();
    }
}
