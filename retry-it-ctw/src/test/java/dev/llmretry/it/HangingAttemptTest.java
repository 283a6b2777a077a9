package dev.llmretry.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmResilience;
import dev.llmretry.event.RetryScheduled;
import dev.llmretry.AttemptTimeoutException;
import dev.llmretry.time.RandomSource;
import dev.llmretry.time.TimeSource;
import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attempts that hang: max-duration ends the call, a hung half-open trial gives its permit back, and an answer that
 * arrives after the attempt-timeout fired is discarded, with real clients against real loopback servers.
 */
class HangingAttemptTest {
    @RegisterExtension final Fresh fresh = new Fresh();
    final HangingService hanging = new HangingService();
    final ShellService shells = new ShellService();
    FakeLlmServer iag, oneapi;

    private void realServersAndClock() {
        fresh.useTime(TimeSource.system(), RandomSource.seeded(5));
        iag = FakeLlmServer.start("iag");
        oneapi = FakeLlmServer.start("oneapi");
        fresh.useYaml("""
                endpoints:
                  iag:    { url: "%s", model: gpt-4o }
                  oneapi: { url: "%s", model: gpt-4o-mini }
                """.formatted(iag.baseUrl(), oneapi.baseUrl()));
    }

    @AfterEach
    void stopServers() {
        if (iag != null) iag.close();
        if (oneapi != null) oneapi.close();
    }

    @Test
    void jdkClient_everyServerHangs_noAttemptTimeout_callEndsAtItsMaxDuration() {
        realServersAndClock();
        iag.always(FakeResponse.ok("never sent").latency(Duration.ofMinutes(3)));
        oneapi.always(FakeResponse.ok("never sent").latency(Duration.ofMinutes(3)));

        AttemptTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(AttemptTimeoutException.class, () -> hanging.viaJdk("q", null)));

        assertTrue(e.getMessage().contains("max-duration 1000ms"), e.getMessage());
        assertEquals(1, iag.requestCount() + oneapi.requestCount(), "the deadline passed during the first attempt");
    }

    @Test
    void openAiSdk_answerArrivesAfterTheAttemptTimeout_isDiscarded_andTheCallRetried() {
        realServersAndClock();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> hanging.warmUp(oneapi.baseUrl()));
        int requestsBefore = iag.requestCount();
        int retriesBefore = fresh.events(RetryScheduled.class).size();
        iag.enqueue(FakeResponse.ok("late answer").latency(Duration.ofSeconds(3)));

        String answer = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> hanging.viaOpenAi("q", null));

        assertNotEquals("late answer", answer);
        assertEquals(2, iag.requestCount() - requestsBefore, "the late attempt is retried on the same endpoint");
        assertInstanceOf(AttemptTimeoutException.class, fresh.events(RetryScheduled.class).get(retriesBefore).cause());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void hungHalfOpenTrial_deadlinePasses_permitSettledAsFailure_circuitOpenAgain() throws Exception {
        shells.onBlockingAttempt(() -> {
            throw new IOException("connection reset");
        });
        assertThrows(IOException.class, () -> shells.boundedByDeadline("q"));
        assertEquals("circuit_open", state("hang"));
        fresh.clock.advance(Duration.ofSeconds(10)); // recovery time: the next call is the trial
        CountDownLatch entered = new CountDownLatch(1);
        shells.onBlockingAttempt(() -> {
            entered.countDown();
            new CountDownLatch(1).await(); // the server never answers
            return "never";
        });

        CompletableFuture<String> trial = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                trial.complete(shells.boundedByDeadline("q"));
            } catch (Throwable t) {
                trial.completeExceptionally(t);
            }
        }, "trial-caller");
        caller.start();
        entered.await();
        fresh.clock.advance(Duration.ofSeconds(3)); // past the call's 2 s max-duration

        await().atMost(Duration.ofSeconds(20)).until(trial::isDone);
        Throwable failure = assertThrows(CompletionException.class, trial::join).getCause();
        assertInstanceOf(AttemptTimeoutException.class, failure);
        assertEquals("circuit_open", state("hang"), "the hung trial was recorded as a failure: its slot is free");
    }

    private static String state(String name) {
        return LlmResilience.health().endpoints().get(name).state().toString(); // as the health JSON names it
    }
}
