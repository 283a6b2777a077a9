package dev.llmretry;

import dev.llmretry.event.LlmRetryListener;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.internal.exec.TargetView;
import dev.llmretry.health.HealthReport;
import java.util.stream.Collectors;

/**
 * The runtime facade: configuration reload, health, manual circuit reset and listeners.
 *
 * <pre>{@code
 * LlmResilience.addListener(new LlmRetryListener() { ... });
 * String json = LlmResilience.health().toJson();
 * LlmResilience.reset("iag");          // close iag's circuit by hand
 * LlmResilience.reload();              // re-read retry.yaml; a broken file keeps the last good configuration
 * }</pre>
 *
 * <p>All methods are thread-safe.
 */
public final class LlmResilience {
    private LlmResilience() {
    }

    /**
     * Re-reads retry.yaml (same location rules as at start-up). Breakers and health survive; methods pick up the
     * new settings on their next call.
     *
     * @throws dev.llmretry.config.LlmRetryConfigException when the new file is invalid; the last good configuration
     *         stays in force, and the message says what to fix
     */
    public static void reload() {
        LlmRuntime.get().reload();
    }

    /**
     * Fails fast at start-up: loads retry.yaml now and builds the plan of every protected method of {@code services}
     * (annotation attributes, {@code methods:} overrides, endpoint names), so that what would fail at a method's first
     * call fails here instead, all problems at once. Caches nothing; call it once, e.g. from {@code main} or a
     * Spring {@code @PostConstruct}.
     *
     * <pre>{@code
     * LlmResilience.validate(ChatService.class, SummaryService.class);   // throws listing every problem
     * }</pre>
     *
     * <p>With no arguments it checks the configuration alone.
     *
     * @throws dev.llmretry.config.LlmRetryConfigException listing every problem: the file's, or one per broken method
     */
    public static void validate(Class<?>... services) {
        LlmRuntime.get().validate(services);
    }

    /**
     * Puts a retry.yaml text in force instead of the file found by the usual location rules: for frameworks that
     * find the configuration themselves (a Spring {@code Resource}, a config server). {@code ${VAR}}s resolve from
     * the environment, then system properties; {@link #reload()} parses the same text again. Breakers and health
     * survive; methods and {@link LlmCall}s pick the new settings up on their next call.
     *
     * <pre>{@code
     * LlmResilience.useConfig("classpath:llm/retry.yaml", Files.readString(path));
     * }</pre>
     *
     * @param sourceName how messages name the text, e.g. its file name
     * @throws dev.llmretry.config.LlmRetryConfigException when the text is invalid, listing every problem; the
     *         configuration in force stays
     */
    public static void useConfig(String sourceName, String yamlText) {
        LlmRuntime.get().useConfig(java.util.Objects.requireNonNull(sourceName, "sourceName"),
                java.util.Objects.requireNonNull(yamlText, "yamlText"));
    }

    /**
     * The health of every configured endpoint and named circuit breaker. Never throws for a broken retry.yaml: while
     * no configuration is in force, the report holds an entry {@code "configuration"} with state
     * {@code config_error} and the error as {@code last_error} (one line, secrets masked).
     */
    public static HealthReport health() {
        return LlmRuntime.get().healthReport();
    }

    /**
     * Closes the circuit of an endpoint or named breaker by hand.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the known ones
     */
    public static void reset(String name) {
        for (TargetView t : LlmRuntime.get().targets()) {
            if (t.name().equals(name) && t.breaker() != null) {
                t.breaker().reset();
                return;
            }
        }
        throw new IllegalArgumentException("No circuit breaker named '" + name + "'; known: " + LlmRuntime.get()
                .targets().stream().filter(t -> t.breaker() != null).map(TargetView::name)
                .collect(Collectors.joining(", ")));
    }

    /** Adds a listener for every protected call from now on. */
    public static void addListener(LlmRetryListener listener) {
        LlmRuntime.get().listeners().add(listener);
    }

    /** Removes a listener added with {@link #addListener}; returns whether it was registered. */
    public static boolean removeListener(LlmRetryListener listener) {
        return LlmRuntime.get().listeners().remove(listener);
    }

    /**
     * Ends the library's threads ({@code llm-retry-scheduler}, {@code llm-retry-worker-N}, {@code llm-retry-watchdog}),
     * so that an application server can unload the application: call it when the application stops. Async calls
     * still waiting for a retry end with their last failure (a {@code RejectedExecutionException} attached) and
     * bodies still running are interrupted, so stop making calls first. The health file is written a last time.
     * Idempotent and safe from any thread; a call made afterwards starts the threads again.
     *
     * <pre>{@code
     * public class LlmRetryShutdown implements ServletContextListener {
     *     public void contextDestroyed(ServletContextEvent e) { LlmResilience.shutdown(); }
     * }
     * // Spring: in any bean, @PreDestroy void stopLlmRetry() { LlmResilience.shutdown(); }
     * }</pre>
     */
    public static void shutdown() {
        LlmRuntime.get().shutdown();
    }
}
