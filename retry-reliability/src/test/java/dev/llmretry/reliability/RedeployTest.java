package dev.llmretry.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.ref.WeakReference;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What an application server does on redeploy: the application (here a woven service and the library) lives in a
 * class loader of its own, makes calls that start the library's threads, stops with {@code LlmResilience.shutdown()}
 * and is dropped. Its class loader must then become collectable: no thread of the library left running, nothing
 * outside the application holding one of its classes.
 */
class RedeployTest {
    /** Jars and class folders of the application: the library, its three dependencies, the woven service. */
    private static final List<String> APPLICATION = List.of("retry-runtime", "retry-annotations", "aspectjrt",
            "snakeyaml", "slf4j-api", "retry-reliability" + File.separator + "target" + File.separator + "classes");

    @Test
    void applicationUsedThenShutDown_dropped_itsClassLoaderIsCollected_andItsThreadsEnded() throws Exception {
        WeakReference<ClassLoader> application = deployUseAndShutDown();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            System.gc();
            return application.get() == null;
        });
    }

    @Test
    void shutdown_calledTwiceAndThenUsedAgain_isIdempotent_andTheLibraryStillWorks() throws Exception {
        URLClassLoader loader = applicationLoader();
        Thread self = Thread.currentThread();
        ClassLoader previous = self.getContextClassLoader();
        self.setContextClassLoader(loader);
        try {
            Class<?> resilience = loader.loadClass("dev.llmretry.LlmResilience");
            Object service = loader.loadClass("dev.llmretry.reliability.LifecycleService").getConstructor().newInstance();
            resilience.getMethod("shutdown").invoke(null);
            resilience.getMethod("shutdown").invoke(null);

            assertEquals("answer to again", askAsync(service, "again").get(30, TimeUnit.SECONDS));
            assertTrue(threadsOf(loader).contains("llm-retry-scheduler"), "used again: threads started again");
            self.setContextClassLoader(previous);
            resilience.getMethod("shutdown").invoke(null);
            await().atMost(Duration.ofSeconds(30)).until(() -> threadsOf(loader).isEmpty());
        } finally {
            self.setContextClassLoader(previous);
            loader.close();
        }
    }

    /** Deploys, calls, shuts down; returns only a weak reference, so nothing here keeps the application alive. */
    private static WeakReference<ClassLoader> deployUseAndShutDown() throws Exception {
        URLClassLoader loader = applicationLoader();
        Thread self = Thread.currentThread();
        ClassLoader previous = self.getContextClassLoader();
        self.setContextClassLoader(loader); // as a servlet container does while the application runs
        try {
            Object service = loader.loadClass("dev.llmretry.reliability.LifecycleService").getConstructor().newInstance();
            assertEquals("answer to q", service.getClass().getMethod("ask", String.class).invoke(service, "q"));
            assertEquals("answer to q", askAsync(service, "q").get(30, TimeUnit.SECONDS));
            List<String> started = threadsOf(loader);
            assertTrue(started.contains("llm-retry-scheduler") && started.contains("llm-retry-watchdog")
                    && started.stream().anyMatch(n -> n.startsWith("llm-retry-worker-")), "threads started: " + started);
            self.setContextClassLoader(previous); // the application stops: what follows is the container's code

            loader.loadClass("dev.llmretry.LlmResilience").getMethod("shutdown").invoke(null);

            await().atMost(Duration.ofSeconds(30)).until(() -> threadsOf(loader).isEmpty());
            assertFalse(self.isInterrupted());
        } finally {
            self.setContextClassLoader(previous);
            loader.close();
        }
        return new WeakReference<>(loader);
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<String> askAsync(Object service, String q) throws Exception {
        return (CompletableFuture<String>) service.getClass().getMethod("askAsync", String.class).invoke(service, q);
    }

    /** Live llm-retry threads whose context class loader is {@code loader}: the ones the application started. */
    private static List<String> threadsOf(ClassLoader loader) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getContextClassLoader() == loader && t.getName().startsWith("llm-retry")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    private static URLClassLoader applicationLoader() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (APPLICATION.stream().anyMatch(entry::contains)) urls.add(new File(entry).toURI().toURL());
        }
        assertTrue(urls.size() >= APPLICATION.size(), "application class path incomplete: " + urls);
        return new URLClassLoader("redeployed-application", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
    }
}
