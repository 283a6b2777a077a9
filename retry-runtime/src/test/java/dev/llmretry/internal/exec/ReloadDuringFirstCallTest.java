package dev.llmretry.internal.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmCircuitBreaker;
import dev.llmretry.annotation.LlmRetry;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.LlmRetryConfig;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * reload() while methods make their first call (their plans being built) must never deadlock: the plan builder may
 * wait for the configuration lock, and reload must not wait for the builder while holding it. Each test runs on its
 * own runtime, so a regression deadlocks only these daemon threads and the watchdog reports it.
 */
class ReloadDuringFirstCallTest {
    static final Duration WATCHDOG = Duration.ofSeconds(30);

    /** Methods whose plans use endpoint targets, a named breaker and no breaker at all. */
    static class Service {
        @LlmRetry @Failover(endpoints = {"a", "b"}) public String one(String q, Endpoint e) { return q; }
        @LlmRetry @Failover(endpoints = {"b", "a"}) public String two(String q, Endpoint e) { return q; }
        @LlmRetry @LlmCircuitBreaker(name = "shared") public String three(String q) { return q; }
        @LlmRetry @LlmCircuitBreaker(name = "shared") public String four(String q) { return q; }
        @LlmRetry public String five(String q) { return q; }
        @Failover(endpoints = {"a"}) public String six(String q, Endpoint e) { return q; }
    }

    static final List<Method> METHODS = Arrays.stream(Service.class.getDeclaredMethods())
            .filter(m -> !m.isSynthetic()).toList();

    static LlmRetryConfig config(int maxAttempts) {
        return ConfigLoader.parse("test.yaml", "retry: { default: { max-attempts: " + maxAttempts + " } }\n"
                + "endpoints:\n  a: { url: \"http://127.0.0.1:9/v1\" }\n  b: { url: \"http://127.0.0.1:9/v2\" }\n",
                Map.<String, String>of()::get);
    }

    static Thread daemon(String name, Runnable body, ConcurrentLinkedQueue<Throwable> errors) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                errors.add(e);
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    @Test
    void reloadHoldingTheLock_whileAFirstCallWaitsForIt_bothFinish() {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        LlmRuntime rt = new LlmRuntime(() -> {
            if (loads.getAndIncrement() == 0) {
                loading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return config(4);
        });
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Thread reloader = daemon("reloader", rt::reload, errors);
        Thread firstCall = daemon("first-call", () -> rt.plans().of(METHODS.get(0)), errors);

        reloader.start();
        await().atMost(WATCHDOG).until(() -> loading.getCount() == 0);
        firstCall.start();
        await().atMost(WATCHDOG).until(() -> firstCall.getState() == Thread.State.BLOCKED
                || firstCall.getState() == Thread.State.WAITING || !firstCall.isAlive());
        release.countDown();

        assertTimeoutPreemptively(WATCHDOG, () -> {
            reloader.join();
            firstCall.join();
        }, "reload() and a first call deadlocked");
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(4, rt.plans().of(METHODS.get(0)).maxAttempts);
    }

    @Test
    void firstCallThatLoadsTheConfiguration_planIsCached_theSecondCallGetsTheSamePlan() {
        LlmRuntime rt = new LlmRuntime(() -> config(3));
        MethodPlan first = rt.plans().of(METHODS.get(0));
        assertSame(first, rt.plans().of(METHODS.get(0)), "a round-robin counter lives in the plan: one plan per method");
    }

    @Test
    void manyThreadsMakingFirstCalls_whileReloadsAndResetsRun_neverDeadlock_andEndOnTheLastConfiguration() {
        AtomicInteger generation = new AtomicInteger(2);
        LlmRuntime rt = new LlmRuntime(() -> config(generation.get()));
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        int callers = 8;
        int rounds = 200;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int offset = c;
            threads.add(daemon("caller-" + c, () -> {
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < METHODS.size(); i++) {
                        MethodPlan plan = rt.plans().of(METHODS.get((i + offset) % METHODS.size()));
                        if (plan.targets.length == 0) throw new AssertionError("broken plan: " + plan);
                    }
                    rt.targets();
                }
            }, errors));
        }
        threads.add(daemon("reloader", () -> {
            for (int r = 0; r < rounds; r++) {
                generation.set(2 + r % 5);
                if (r % 3 == 0) rt.resetState();
                else rt.reload();
            }
            generation.set(9);
            rt.reload();
        }, errors));

        threads.forEach(Thread::start);
        assertTimeoutPreemptively(WATCHDOG, () -> {
            for (Thread t : threads) t.join();
        }, "reload()/resetState() and first calls deadlocked");

        assertTrue(errors.isEmpty(), errors.toString());
        for (Method m : METHODS) {
            MethodPlan plan = rt.plans().of(m);
            int expected = m.isAnnotationPresent(LlmRetry.class) ? 9 : plan.targets.length;
            assertEquals(expected, plan.maxAttempts, "no plan of an older configuration survives: " + plan);
        }
    }
}
