package dev.llmretry.internal.health;

import dev.llmretry.health.EndpointStatus;
import dev.llmretry.health.HealthReport;

import dev.llmretry.time.TimeSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The health file ({@code health.file}): read at start, so that a restart does not forget an endpoint whose circuit
 * is open (it stays open until its probe time), and written by the {@link HealthWriter}. A write holds a lock on
 * {@code <file>.lock} while it reads the file, merges it and replaces it atomically (temporary file, then move), so
 * instances sharing one file keep each other's open circuits ({@link HealthMerge}). An unusable file, or an unusable
 * entry in it, is logged and ignored: it never stops the application. The file holds no secrets (last errors are
 * already masked).
 *
 * <pre>{@code
 * Map<String, Instant> open = HealthStore.openCircuits(Path.of(".llmretry/health.json"));
 * }</pre>
 */
public final class HealthStore {
    private static final Logger LOG = LoggerFactory.getLogger(HealthStore.class);
    private static final int MAX_BYTES = 1 << 20;
    /** How long a write waits for another instance's write to end before it gives up (and warns). */
    private static final long LOCK_PATIENCE_MILLIS = 10_000;

    private HealthStore() {
    }

    /**
     * Endpoints whose circuit was open in the file, with their probe time; empty when there is no usable file.
     * Unusable entries are left out, with one warning for the file.
     */
    public static Map<String, Instant> openCircuits(Path file) {
        Map<String, Instant> open = new LinkedHashMap<>();
        if (!Files.exists(file)) return open;
        List<String> unusable = new ArrayList<>();
        try {
            for (EndpointStatus s : read(file, unusable).values()) {
                if ("circuit_open".equals(s.state())) open.put(s.name(), s.nextProbeAt());
            }
            if (!unusable.isEmpty()) {
                LOG.warn("Ignoring unusable entries in endpoint health {}: {} (each needs a known state and, when circuit_open, an"
                        + " ISO-8601 next_probe_at); those circuits start closed", file, unusable);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring endpoint health in {} ({}); every circuit starts closed", file, e.toString());
            open.clear();
        }
        return open;
    }

    /** Every usable entry of the file; unusable ones are described in {@code unusable}. Throws if the file is unusable. */
    static Map<String, EndpointStatus> read(Path file, List<String> unusable) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("not a regular file");
        if (Files.size(file) > MAX_BYTES) throw new IOException("larger than " + MAX_BYTES + " bytes");
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(10);
        Object doc = new Yaml(new SafeConstructor(options)).load(Files.readString(file, StandardCharsets.UTF_8));
        if (!(doc instanceof Map<?, ?> entries)) throw new IOException("not a JSON object");
        Map<String, EndpointStatus> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            String name = String.valueOf(e.getKey());
            EndpointStatus s = HealthMerge.parse(name, e.getValue());
            if (s != null) out.put(name, s);
            else unusable.add(name);
        }
        return out;
    }

    /**
     * Merges {@code report} into the file under the file's lock and replaces it atomically; a failed write leaves no
     * temporary file behind. Serialized within this class loader (the file lock serializes processes).
     *
     * @param ownOpen the open circuits the previous write of this writer recorded (see {@link HealthMerge})
     * @return the open circuits this write recorded for this writer
     */
    static synchronized Map<String, Instant> write(Path file, HealthReport report, Instant now, Map<String, Instant> ownOpen)
            throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lock(channel, lockFile)) {
            Map<String, EndpointStatus> theirs;
            try {
                theirs = Files.exists(file) ? read(file, new ArrayList<>()) : Map.of();
            } catch (IOException | RuntimeException unusable) {
                theirs = Map.of(); // an unusable file is replaced, as at start
            }
            Map<String, Instant> recorded = new LinkedHashMap<>();
            HealthReport merged = HealthMerge.merge(report, theirs, now, ownOpen, recorded);
            replace(file, dir, merged.toJson());
            return recorded;
        }
    }

    private static void replace(Path file, Path dir, String json) throws IOException {
        Path tmp = Files.createTempFile(dir, ".health", ".tmp");
        try {
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write's own failure is what gets reported
                }
            }
        }
    }

    /** Waits for the lock held by another process or, within this JVM, by another class loader's copy of this class. */
    private static FileLock lock(FileChannel channel, Path lockFile) throws IOException {
        for (long waited = 0; ; waited++) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) return lock;
            } catch (OverlappingFileLockException heldInThisJvm) {
                // another class loader's writer holds it: wait as for another process
            }
            if (waited >= LOCK_PATIENCE_MILLIS) throw new IOException(lockFile + " stayed locked for " + waited + " ms");
            try {
                TimeSource.system().sleep(1_000_000L); // real time on purpose: another process does not see a test's clock
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + lockFile);
            }
        }
    }
}
