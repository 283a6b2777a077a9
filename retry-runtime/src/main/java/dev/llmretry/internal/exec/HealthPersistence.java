package dev.llmretry.internal.exec;

import dev.llmretry.health.HealthReport;
import dev.llmretry.internal.health.HealthStore;
import dev.llmretry.internal.health.HealthWriter;
import dev.llmretry.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code health.file}: the health report written in the background after each circuit change, and the circuits a
 * previous run recorded open, restored once per endpoint when its target is created. The writer is started when a
 * configuration names a file and stopped when one names another (or none), at shutdown or on a reset. Thread-safe:
 * the writer runs on its own thread and never makes a call wait.
 *
 * <pre>{@code
 * HealthPersistence health = new HealthPersistence(runtime::healthReport, () -> clock);
 * health.use(Path.of(".llmretry/health.json"));   // reads the open circuits recorded before a restart
 * health.restore(target);                         // recorded open: stays open until its probe time
 * health.flush(Duration.ofSeconds(2));
 * }</pre>
 */
final class HealthPersistence {
    private static final Logger LOG = LoggerFactory.getLogger(LlmRuntime.class); // the category it always logged under

    private final Supplier<HealthReport> report;
    private final Supplier<TimeSource> time;
    private volatile Map<String, Instant> persistedOpen = new ConcurrentHashMap<>();
    private volatile Path file;
    private volatile HealthWriter writer;

    /** Writes {@code report} to the file, stamped with {@code time}'s clock. */
    HealthPersistence(Supplier<HealthReport> report, Supplier<TimeSource> time) {
        this.report = report;
        this.time = time;
    }

    /**
     * Writes to {@code newFile} from now on (null: to no file). A file other than the current one is read first: the
     * circuits it recorded open are restored as their endpoints' targets are created. Under the configuration lock.
     */
    void use(Path newFile) {
        if (!Objects.equals(newFile, file)) {
            close();
            if (newFile != null) {
                persistedOpen = new ConcurrentHashMap<>(HealthStore.openCircuits(newFile));
                writer = new HealthWriter(newFile, report, () -> time.get().now(), persistedOpen);
            }
        }
        file = newFile;
    }

    /** The writer in force, or null: a circuit change captures it when it happens and notifies it later. */
    HealthWriter writer() {
        return writer;
    }

    /**
     * An endpoint whose circuit was open before a restart stays open until its recorded probe time (once), but never
     * longer than its recovery-time from now: a probe time far ahead (a broken or hand-edited file) is clamped.
     */
    void restore(Target t) {
        Instant probeAt = persistedOpen.remove(t.name);
        TimeSource clock = time.get();
        Instant now = clock.now();
        if (probeAt == null || !probeAt.isAfter(now)) return;
        Duration recovery = t.breaker.settings().recoveryTime();
        Duration open = Duration.between(now, probeAt); // both within Instant's range: no overflow in seconds
        if (open.compareTo(recovery) > 0) {
            LOG.warn("Circuit {}: next_probe_at {} in {} is more than its recovery-time ({}) ahead; it stays open for {}",
                    t.name, probeAt, file, recovery, recovery);
            open = recovery;
        } else {
            LOG.info("Circuit {} stays open until {}, as {} recorded before the restart", t.name, probeAt, file);
        }
        t.breaker.forceOpenUntil(clock.nanoTime() + open.toNanos());
    }

    /** Writes the latest health now and waits at most {@code timeout}; true when written (or there is no file). */
    boolean flush(Duration timeout) {
        HealthWriter w = writer;
        if (w == null) return true;
        try {
            return w.flush(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Writes the latest health (waiting at most 2 s) and stops the writer thread: later changes are not written until a
     * configuration names a health file again. Idempotent.
     */
    void close() {
        HealthWriter w = writer;
        writer = null;
        file = null;
        if (w != null) w.close();
    }

    /** Closes the writer and forgets the circuits recorded before a restart (a reset). */
    void forget() {
        close();
        persistedOpen = new ConcurrentHashMap<>();
    }
}
