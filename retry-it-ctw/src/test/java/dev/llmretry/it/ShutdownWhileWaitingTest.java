package dev.llmretry.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import dev.llmretry.time.TimeSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code LlmResilience.shutdown()} while async calls wait (on the real scheduler) for their next attempt: they end
 * with their last failure, the shutdown attached, instead of never completing.
 */
class ShutdownWhileWaitingTest {
    final ScriptedBackend backend = new ScriptedBackend();
    final ShapedChatService service = new ShapedChatService(backend);

    LlmRuntime.Installation installation;

    @BeforeEach
    void realSchedulerAndALongBackoff() {
        installation = LlmRuntime.get().install(TimeSource.system(), RandomSource.seeded(3),
                ConfigLoader.parse("test retry.yaml", """
                retry:
                  default: { initial-backoff: 10m, max-backoff: 10m, max-duration: 1h }
                endpoints:
                  iag:     { url: "https://iag.example/v1" }
                  oneapi:  { url: "https://oneapi.example/v1" }
                  litellm: { url: "https://litellm.example/v1" }
                """, v -> null));
        backend.script("iag", new LlmHttpException(503, Map.of(), "{}"));
    }

    @AfterEach
    void forget() {
        LlmResilience.shutdown();
        installation.close();
    }

    @Test
    void asyncCallWaitingTenMinutes_shutdown_completesWithItsLastFailure_shutdownAttached() {
        CompletableFuture<String> answer = service.async("q", null);
        assertFalse(answer.isDone(), "waiting 10 minutes for its retry");

        LlmResilience.shutdown();

        await().atMost(Duration.ofSeconds(10)).until(answer::isDone);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, answer::get);
        LlmHttpException last = assertInstanceOf(LlmHttpException.class, e.getCause());
        assertEquals(503, last.status());
        assertTrue(Arrays.stream(last.getSuppressed()).anyMatch(RejectedExecutionException.class::isInstance),
                Arrays.toString(last.getSuppressed()));
        assertEquals(1, backend.calls().size(), "no attempt after the shutdown");
    }

    @Test
    void publisherWaitingTenMinutes_shutdown_subscriberGetsTheLastFailure() {
        AtomicReference<Throwable> error = new AtomicReference<>();
        service.publisher("q", null).subscribe(new Flow.Subscriber<>() {
            public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
            public void onNext(String item) { }
            public void onError(Throwable t) { error.set(t); }
            public void onComplete() { }
        });
        assertEquals(null, error.get(), "waiting 10 minutes for its retry");

        LlmResilience.shutdown();

        await().atMost(Duration.ofSeconds(10)).until(() -> error.get() != null);
        assertEquals(503, assertInstanceOf(LlmHttpException.class, error.get()).status());
    }
}
