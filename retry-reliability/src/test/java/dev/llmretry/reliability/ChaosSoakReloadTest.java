package dev.llmretry.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.llmretry.EndpointsUnavailableException;
import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.internal.exec.LlmRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak's reload face: many threads make first calls of woven methods (every reload forgets the plans, so every
 * call after one builds a plan) while another thread rewrites retry.yaml and reloads it, or resets the runtime so
 * that the next call loads the file under the configuration lock. Nothing may deadlock (watchdog), no caller may see
 * anything but the injected failures, and the last file read is the one in force. {@code -Dsoak.reloads=20000} runs
 * it longer.
 */
class ChaosSoakReloadTest {
    static final Duration WATCHDOG = Duration.ofMinutes(2);

    @TempDir Path dir;
    ConfigFile file;
    boolean deadlocked;

    static String yaml(int maxAttempts, int iagPriority) {
        return """
                retry:
                  default: { max-attempts: %d, initial-backoff: 0ms, jitter: none }
                circuit-breaker:
                  default: { failure-threshold: 3, recovery-time: 1ms }
                endpoints:
                  iag:    { url: "https://iag.example/v%d", priority: %d }
                  oneapi: { url: "https://oneapi.example/v1", priority: 2 }
                """.formatted(maxAttempts, iagPriority, iagPriority);
    }

    @BeforeEach
    void pointAtFile() throws Exception {
        file = new ConfigFile(dir, yaml(3, 1));
    }

    @AfterEach
    void restore() {
        file.restore(!deadlocked); // after a deadlock a reset would wait for ever: let the failure show
    }

    @Test
    void reloadsAndResetsDuringFirstCalls_manyThreads_noDeadlock_onlyInjectedFailures_lastFileInForce() {
        int reloads = Integer.getInteger("soak.reloads", 400);
        int callers = Integer.getInteger("soak.threads", 16);
        ReloadService service = new ReloadService(7);
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicBoolean reloading = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            threads.add(daemon("reload-soak-caller-" + c, () -> {
                while (reloading.get()) {
                    for (int m = 0; m < 4; m++) {
                        try {
                            switch (m) {
                                case 0 -> service.failover("q", null);
                                case 1 -> service.named("q");
                                case 2 -> service.retryOnly("q");
                                default -> service.failoverOnly("q", null);
                            }
                        } catch (LlmHttpException | EndpointsUnavailableException injected) {
                            // the 503s, and circuits they opened
                        }
                    }
                }
            }, unexpected));
        }
        threads.add(daemon("reload-soak-reloader", () -> {
            try {
                for (int r = 0; r < reloads; r++) {
                    file.replace(yaml(2 + r % 3, 1 + 2 * (r % 2)));
                    if (r % 4 == 0) file.resetRuntime();
                    else LlmResilience.reload();
                }
                file.replace(yaml(4, 3));
                LlmResilience.reload();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                reloading.set(false);
            }
        }, unexpected));

        threads.forEach(Thread::start);
        deadlocked = true;
        assertTimeoutPreemptively(WATCHDOG, () -> {
            for (Thread t : threads) t.join();
        }, () -> "reload() and first calls deadlocked:\n" + stacks(threads));
        deadlocked = false;

        assertEquals(List.of(), List.copyOf(unexpected), "only the injected failures reach callers");
        long before = service.failingAttempts();
        assertThrows(LlmHttpException.class, () -> service.alwaysFails("q"));
        assertEquals(4, service.failingAttempts() - before, "max-attempts of the last file read");
    }

    private static Thread daemon(String name, ThrowingRunnable body, ConcurrentLinkedQueue<Throwable> unexpected) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                unexpected.add(e);
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    private static String stacks(List<Thread> threads) {
        StringBuilder out = new StringBuilder();
        for (Thread t : threads) {
            out.append(t.getName()).append(' ').append(t.getState()).append('\n');
            for (StackTraceElement e : t.getStackTrace()) out.append("    at ").append(e).append('\n');
        }
        return out.toString();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
