package dev.llmretry.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.time.RandomSource;
import dev.llmretry.time.TimeSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real threads and the real clock: the scheduler only schedules. A retried async body that blocks runs on a worker
 * thread, so another call's retry and attempt-timeout still happen while it blocks.
 */
class AsyncIsolationTest {
    @RegisterExtension final Fresh fresh = new Fresh();
    final ShellService shells = new ShellService();
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch blocking = new CountDownLatch(1);
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @BeforeEach
    void realTime() {
        fresh.useTime(TimeSource.system(), RandomSource.seeded(3));
        shells.onQuickAttempt(q -> {
            int n = attempts.computeIfAbsent(q, k -> new AtomicInteger()).incrementAndGet();
            if (n == 1 && !q.equals("slow-first")) return CompletableFuture.failedFuture(new LlmHttpException(503, Map.of(), ""));
            if (q.equals("blocks")) { // its retry blocks in the body itself, as a synchronous client would
                blocking.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return CompletableFuture.completedFuture("released");
            }
            if (q.equals("slow-first") && n == 1) return new CompletableFuture<>(); // never answers: timed out
            return CompletableFuture.completedFuture("answer to " + q);
        });
    }

    @AfterEach
    void unblock() {
        release.countDown();
    }

    @Test
    void retriedBodyBlocks_anotherCallsRetry_stillRunsAndAnswers() throws Exception {
        CompletableFuture<String> blocked = shells.quickAsync("blocks");
        assertTrue(blocking.await(20, TimeUnit.SECONDS), "the first call's retry runs its body");

        CompletableFuture<String> other = shells.quickAsync("other");

        await().atMost(Duration.ofSeconds(20)).until(other::isDone);
        assertEquals("answer to other", other.join());
        assertEquals(2, attempts.get("other").get());
        assertFalse(blocked.isDone(), "the first call's body is still blocked");
        release.countDown();
        assertEquals("released", blocked.get());
    }

    @Test
    void retriedBodyBlocks_anotherCallsAttemptTimeout_stillFires() throws Exception {
        CompletableFuture<String> blocked = shells.quickAsync("blocks");
        assertTrue(blocking.await(20, TimeUnit.SECONDS), "the first call's retry runs its body");

        CompletableFuture<String> other = shells.quickAsyncWithTimeout("slow-first");

        await().atMost(Duration.ofSeconds(20)).until(other::isDone);
        assertEquals("answer to slow-first", other.join());
        assertEquals(2, attempts.get("slow-first").get(), "the first attempt timed out and was retried");
        assertFalse(blocked.isDone());
    }
}
