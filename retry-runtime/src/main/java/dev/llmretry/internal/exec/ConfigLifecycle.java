package dev.llmretry.internal.exec;

import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.LlmRetryConfig;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration in force and how it changes: the first load (lazily, on first use), {@code reload()},
 * {@code useConfig(...)} and forgetting it. A configuration that cannot be read never replaces a good one: a broken
 * reload is thrown and the previous configuration stays; a broken first load is remembered and thrown to every caller
 * until a reload succeeds. Putting a configuration in force is the {@link Adoption}'s job, in two steps around the
 * moment {@link #current()} starts returning it. Thread-safe.
 *
 * <p>Two locks. The <em>configuration lock</em> ({@link #locked}) is held while a configuration is put in force or
 * forgotten; whatever must not interleave with that (the target registry's refresh of a target created from a
 * replaced configuration) takes it too. The <em>reload lock</em> serializes reloads, so the file is read outside the
 * configuration lock, and nothing that waits for a plan being built runs under either: a reload during first calls
 * never deadlocks ({@code ReloadDuringFirstCallTest}).
 *
 * <pre>{@code
 * ConfigLifecycle lifecycle = new ConfigLifecycle(ConfigLoader::load, adoption);
 * LlmRetryConfig c = lifecycle.current();   // loads retry.yaml on first use, or throws why it cannot
 * lifecycle.reload();                       // a broken file keeps c in force and is thrown
 * }</pre>
 */
final class ConfigLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(LlmRuntime.class); // the category it always logged under

    /** Puts a configuration in force, in two steps; both run under the configuration lock. */
    interface Adoption {
        /** Before {@code fresh} is in force: what it names outside the call path (store, secrets, health file). */
        void prepare(LlmRetryConfig fresh);

        /** Once {@link ConfigLifecycle#current()} returns {@code fresh}: shared state brought up to date with it. */
        void adopt(LlmRetryConfig fresh);
    }

    private final Object configLock = new Object();
    private final Object reloadLock = new Object();
    private final Supplier<LlmRetryConfig> defaultLoader;
    private final Adoption adoption;
    private volatile Supplier<LlmRetryConfig> loader;
    private volatile LlmRetryConfig config;
    private volatile RuntimeException configError;

    /** A lifecycle reading its configuration from {@code loader} until {@link #use(String, String)} names a text. */
    ConfigLifecycle(Supplier<LlmRetryConfig> loader, Adoption adoption) {
        this.loader = loader;
        this.defaultLoader = loader;
        this.adoption = adoption;
    }

    /**
     * The configuration, loaded on first use. While the first load has failed (and no {@link #reload()} has
     * succeeded since), throws that load's error: every protected call then fails with a message saying what to fix.
     */
    LlmRetryConfig current() {
        LlmRetryConfig c = config;
        if (c != null) return c;
        NotWovenWarning.checkOnce(); // once per process, before the first load: warns about unwoven annotated classes
        synchronized (configLock) {
            if (configError != null) throw configError; // until reload() succeeds: no re-reading on every call
            if (config == null) {
                try {
                    apply(loader.get());
                } catch (RuntimeException e) {
                    configError = e;
                    throw e;
                }
            }
            return config;
        }
    }

    /** The configuration in force, or null when none is (not loaded yet, or its first load failed). Loads nothing. */
    LlmRetryConfig inForce() {
        return config;
    }

    /** The names of the configured endpoints, empty when no configuration is in force. Loads nothing. */
    Set<String> endpointNames() {
        LlmRetryConfig c = config;
        return c == null ? Set.of() : c.endpoints().keySet();
    }

    /**
     * Re-reads the configuration's source. A broken one keeps the last good configuration and is rethrown, saying why.
     * The source is read outside the configuration lock (reloads are serialized by their own lock).
     */
    LlmRetryConfig reload() {
        synchronized (reloadLock) {
            LlmRetryConfig fresh;
            try {
                fresh = loader.get();
            } catch (RuntimeException e) {
                LOG.error("retry.yaml was not reloaded, the previous configuration stays in force: {}", e.getMessage());
                throw e;
            }
            synchronized (configLock) {
                apply(fresh);
            }
            return fresh;
        }
    }

    /**
     * Parses, checks and puts {@code yamlText} in force ({@code ${VAR}}s from the environment, then system
     * properties); {@link #reload()} parses the same text again. A broken text changes nothing and is thrown.
     */
    LlmRetryConfig use(String sourceName, String yamlText) {
        Function<String, String> variables = ConfigLoader.variables(System::getenv, System::getProperty);
        Supplier<LlmRetryConfig> source = () -> ConfigLoader.parse(sourceName, yamlText, variables);
        synchronized (reloadLock) {
            LlmRetryConfig fresh = source.get();
            synchronized (configLock) {
                apply(fresh);
                loader = source;
            }
            return fresh;
        }
    }

    /** Puts {@code fresh} in force (tests, and embedders that build the configuration themselves). */
    void use(LlmRetryConfig fresh) {
        synchronized (configLock) {
            apply(fresh);
        }
    }

    /**
     * Forgets the configuration (the next {@link #current()} reads the original source again) and, under the same
     * lock, runs {@code alsoForget}: whatever was built from it.
     */
    void forget(Runnable alsoForget) {
        synchronized (configLock) {
            alsoForget.run();
            config = null;
            configError = null;
            loader = defaultLoader;
        }
    }

    /** Runs {@code action} under the configuration lock: no configuration is put in force meanwhile. */
    void locked(Runnable action) {
        synchronized (configLock) {
            action.run();
        }
    }

    /** Under the configuration lock. */
    private void apply(LlmRetryConfig fresh) {
        adoption.prepare(fresh);
        config = fresh;
        configError = null;
        adoption.adopt(fresh);
    }
}
