package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.Endpoint;
import dev.llmretry.internal.health.HealthStore;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Two instances of the library sharing one health file (issue 14, item 14): each runs in its own class loader, with
 * its own {@code LlmRuntime}, as two applications in one server or two JVMs would. Neither may erase the other's
 * open circuit.
 */
class SharedHealthFileTest {
    @TempDir Path dir;

    @Test
    void twoInstancesOpenDifferentCircuits_theFileKeepsBoth_andARestartRestoresBoth() throws Exception {
        Path file = dir.resolve("health.json");
        try (Instance a = new Instance(file); Instance b = new Instance(file)) {
            a.open("iag");
            assertTrue(a.flush());
            b.open("oneapi");  // b still sees iag healthy
            assertTrue(b.flush());
            a.open("litellm"); // a still sees oneapi healthy
            assertTrue(a.flush());
        }
        assertEquals(Set.of("iag", "oneapi", "litellm"), HealthStore.openCircuits(file).keySet());

        try (Instance restarted = new Instance(file)) {
            for (String e : List.of("iag", "oneapi", "litellm")) assertEquals("circuit_open", restarted.state(e), e);
        }
    }

    @Test
    void twoInstancesWritingConcurrently_eachOpensItsOwnCircuits_noneIsLost() {
        Path file = dir.resolve("health.json");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (Instance a = new Instance(file); Instance b = new Instance(file)) {
                ExecutorService both = Executors.newFixedThreadPool(2);
                List<Future<?>> done = new ArrayList<>();
                done.add(both.submit(() -> opensAndFlushes(a, "iag", "litellm")));
                done.add(both.submit(() -> opensAndFlushes(b, "oneapi")));
                for (Future<?> f : done) f.get();
                both.shutdown();
            }
            assertEquals(Set.of("iag", "oneapi", "litellm"), HealthStore.openCircuits(file).keySet());
        });
    }

    private static Void opensAndFlushes(Instance instance, String... endpoints) throws Exception {
        for (String e : endpoints) {
            instance.open(e);
            for (int i = 0; i < 20; i++) assertTrue(instance.flush()); // many writes, interleaved with the other's
        }
        return null;
    }

    /** retry-runtime loaded again in a class loader of its own: a second, independent instance of the library. */
    static final class Instance implements AutoCloseable {
        final URLClassLoader loader;
        final Class<?> runtimeClass;
        final Object runtime;

        Instance(Path file) throws Exception {
            URL[] urls = Stream.of(LlmRuntime.class, dev.llmretry.annotation.LlmRetry.class, Yaml.class, LoggerFactory.class, org.aspectj.lang.JoinPoint.class)
                    .map(c -> c.getProtectionDomain().getCodeSource().getLocation()).distinct().toArray(URL[]::new);
            loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            runtimeClass = loader.loadClass(LlmRuntime.class.getName());
            runtime = runtimeClass.getMethod("get").invoke(null);
            Function<String, String> noVariables = v -> null;
            Object config = loader.loadClass("dev.llmretry.internal.config.ConfigLoader")
                    .getMethod("parse", String.class, String.class, Function.class).invoke(null, "instance retry.yaml", """
                            endpoints:
                              iag: { url: "https://iag.example/v1" }
                              oneapi: { url: "https://oneapi.example/v1" }
                              litellm: { url: "https://litellm.example/v1" }
                            circuit-breaker:
                              default: { failure-threshold: 1, recovery-time: 10m }
                            health: { file: "%s" }
                            """.formatted(file.toString().replace("\\", "/")), noVariables);
            runtimeClass.getMethod("useConfig", loader.loadClass("dev.llmretry.internal.config.LlmRetryConfig")).invoke(runtime, config);
        }

        /** One failure opens the endpoint's circuit (failure-threshold 1). */
        void open(String endpoint) throws Exception {
            Object breaker = call(target(endpoint), "breaker");
            Method onFailure = breaker.getClass().getMethod("onFailure", loader.loadClass("dev.llmretry.internal.breaker.BreakerState"));
            onFailure.invoke(breaker, call(breaker, "tryAcquire"));
        }

        String state(String endpoint) throws Exception {
            Object report = call(runtime, "healthReport");
            Object status = report.getClass().getMethod("endpoint", String.class).invoke(report, endpoint);
            return (String) call(status, "state");
        }

        boolean flush() throws Exception {
            return (Boolean) runtimeClass.getMethod("flushHealth", Duration.class).invoke(runtime, Duration.ofSeconds(20));
        }

        private Object target(String name) throws Exception {
            for (Object view : (List<?>) call(runtime, "targets")) if (name.equals(call(view, "name"))) return view;
            throw new AssertionError("no target " + name);
        }

        private static Object call(Object on, String method) throws Exception {
            return on.getClass().getMethod(method).invoke(on);
        }

        @Override
        public void close() throws Exception {
            runtimeClass.getMethod("closeHealthWriter").invoke(runtime);
            loader.close();
        }
    }
}
