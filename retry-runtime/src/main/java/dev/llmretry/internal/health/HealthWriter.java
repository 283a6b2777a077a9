package dev.llmretry.internal.health;

import dev.llmretry.health.HealthReport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the health file up to date off the call path: {@link #changed()} only marks the health as changed, and one
 * background thread ({@code llm-retry-health-writer}) writes the latest snapshot, at most once per interval (250 ms),
 * so a flapping circuit costs one write per interval whatever the number of changes, and a slow or stuck disk
 * slows no call. A failed write leaves no temporary file and is warned about once, then again only after a write
 * has succeeded in between. The thread starts on the first change and ends after 2 s without one, when
 * {@link #close()}d, or when interrupted (after writing what is pending). Thread-safe.
 *
 * <pre>{@code
 * HealthWriter writer = new HealthWriter(Path.of(".llmretry/health.json"), runtime::healthReport, clock::now, Map.of());
 * writer.changed();                          // from a circuit change: returns at once
 * writer.flush(Duration.ofSeconds(2));       // the latest health is on disk (tests, shutdown)
 * writer.close();                            // final write, then the thread ends
 * }</pre>
 */
public final class HealthWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthWriter.class);
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    /** Where a snapshot goes. */
    interface Store {
        void write(HealthReport report) throws IOException;
    }

    private final Supplier<HealthReport> snapshot;
    private final Store store;
    private final long intervalNanos;
    private final Consumer<String> warn;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Condition written = lock.newCondition();
    private long changes; // guarded by lock, as is everything below
    private long writtenUpTo;
    private boolean lastWriteOk = true;
    private boolean urgent;
    private boolean closed;
    private Thread thread;
    private boolean warned; // only the writer thread touches it

    /**
     * @param snapshot the health now (called on the writer thread)
     * @param now      the clock the snapshot's probe times come from
     * @param adopted  the open circuits read from the file at start: this instance restored them, so it may close them
     */
    public HealthWriter(Path file, Supplier<HealthReport> snapshot, Supplier<Instant> now, Map<String, Instant> adopted) {
        this(snapshot, new FileStore(file, now, adopted), INTERVAL_NANOS,
                why -> LOG.warn("Could not write endpoint health to {}: {}", file, why));
    }

    HealthWriter(Supplier<HealthReport> snapshot, Store store, long intervalNanos, Consumer<String> warn) {
        this.snapshot = snapshot;
        this.store = store;
        this.intervalNanos = intervalNanos;
        this.warn = warn;
    }

    /** The health changed: it will be written soon, on the writer thread. Never blocks on I/O; ignored once closed. */
    public void changed() {
        lock.lock();
        try {
            if (closed) return;
            changes++;
            if (thread == null) start();
            else wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the latest snapshot now (without waiting for the interval) and waits for that write.
     *
     * @return true when it was written, false when the write failed, did not end within {@code timeout}, or the
     *         writer is closed
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            if (closed) return false;
            long target = ++changes;
            urgent = true;
            if (thread == null) start();
            else wake.signal();
            long left = timeout.toNanos();
            while (writtenUpTo < target) {
                if (left <= 0 || thread == null) return false;
                left = written.awaitNanos(left);
            }
            return lastWriteOk;
        } finally {
            lock.unlock();
        }
    }

    /** Writes the latest snapshot (waiting at most 2 s for it) and stops: later changes are not written. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            changes++; // the final write
            if (thread == null) start();
            else wake.signal();
            long left = CLOSE_TIMEOUT.toNanos();
            while (thread != null && left > 0) left = written.awaitNanos(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void start() {
        thread = new Thread(this::run, "llm-retry-health-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (true) {
            long target;
            lock.lock();
            try {
                target = awaitWork();
                if (target < 0) return;
            } finally {
                lock.unlock();
            }
            boolean ok = writeOnce();
            lock.lock();
            try {
                writtenUpTo = target;
                lastWriteOk = ok;
                written.signalAll();
                pace();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Under the lock: the change count to write, or -1 when the thread ends (idle, or closed with nothing left). */
    private long awaitWork() {
        long idle = IDLE_NANOS;
        try {
            while (changes == writtenUpTo && !closed && idle > 0) idle = wake.awaitNanos(idle);
        } catch (InterruptedException e) {
            closed = true; // interrupted: write what is pending, then end
        }
        if (changes != writtenUpTo) return changes;
        thread = null;
        written.signalAll();
        return -1;
    }

    /** Under the lock: at most one write per interval; changes made meanwhile are written together. */
    private void pace() {
        long left = intervalNanos;
        try {
            while (!urgent && !closed && left > 0) left = wake.awaitNanos(left);
        } catch (InterruptedException e) {
            closed = true;
        }
        urgent = false;
    }

    private boolean writeOnce() {
        try {
            store.write(snapshot.get());
            warned = false;
            return true;
        } catch (IOException | RuntimeException e) {
            if (!warned) warn.accept(e.toString());
            warned = true;
            return false;
        }
    }

    /** The health file, merged with what other instances wrote into it. Used by the writer thread only. */
    private static final class FileStore implements Store {
        private final Path file;
        private final Supplier<Instant> now;
        private Map<String, Instant> ownOpen;

        FileStore(Path file, Supplier<Instant> now, Map<String, Instant> adopted) {
            this.file = file;
            this.now = now;
            this.ownOpen = Map.copyOf(adopted);
        }

        @Override
        public void write(HealthReport report) throws IOException {
            ownOpen = HealthStore.write(file, report, now.get(), ownOpen);
        }
    }
}
