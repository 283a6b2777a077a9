package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.breaker.CircuitState;
import dev.llmretry.health.HealthReport;
import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.internal.endpoint.ConfiguredEndpoint;
import dev.llmretry.internal.health.EndpointHealth;
import dev.llmretry.internal.health.HealthWriter;
import dev.llmretry.time.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HealthPersistence} on its own: a circuit recorded open is restored once, until its probe time; the writer
 * follows the file the configuration names. Through the whole runtime (a stuck disk, unusable files, clamped probe
 * times, closing at shutdown): {@code HealthFileRuntimeTest} and {@code SharedHealthFileTest}.
 */
class HealthPersistenceTest {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    final AtomicLong nanos = new AtomicLong();
    final TimeSource time = new TimeSource() {
        public long nanoTime() { return nanos.get(); }
        public Instant now() { return START.plusNanos(nanos.get()); }
        public void sleep(long n) { nanos.addAndGet(n); }
        public Cancellable schedule(Runnable task, long n) { throw new UnsupportedOperationException(); }
    };
    final HealthPersistence persistence = new HealthPersistence(() -> new HealthReport(Map.of()), () -> time);
    @TempDir Path dir;

    @AfterEach
    void stopTheWriter() {
        persistence.close();
    }

    Target target(String name) {
        return new Target(name, ConfiguredEndpoint.implicit(name), new CircuitBreaker(name, BreakerSettings.defaults(),
                () -> time, (b, f, t, r, c) -> null), new EndpointHealth(Duration.ofSeconds(60)), 0);
    }

    /** A health file written before a restart: iag's circuit open, its next probe 30 s after {@link #START}. */
    Path fileRecordingIagOpenFor30Seconds() throws Exception {
        Path file = dir.resolve("health.json");
        Files.writeString(file, "{\"iag\":{\"state\":\"circuit_open\",\"success_rate\":0.00,\"consecutive_failures\":3,"
                + "\"total_requests\":3,\"next_probe_at\":\"" + START.plusSeconds(30) + "\"}}");
        return file;
    }

    @Test
    void circuitRecordedOpen_restore_staysOpenUntilItsProbeTime_andIsRestoredOnce() throws Exception {
        persistence.use(fileRecordingIagOpenFor30Seconds());
        Target iag = target("iag");

        persistence.restore(iag);

        assertEquals(CircuitState.OPEN, iag.breaker.state());
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        assertNotNull(iag.breaker.tryAcquire(), "a trial call at the recorded probe time");
        Target again = target("iag"); // the same endpoint's target created again (a reset would forget the record)
        persistence.restore(again);
        assertEquals(CircuitState.CLOSED, again.breaker.state(), "restored once only");
    }

    @Test
    void sameFileNamedAgain_keepsItsWriter_anotherFileGetsANewOne_noFileNone() {
        persistence.use(dir.resolve("a.json"));
        HealthWriter first = persistence.writer();

        persistence.use(dir.resolve("a.json"));
        assertSame(first, persistence.writer(), "a reload naming the same file keeps writing there");
        persistence.use(dir.resolve("b.json"));
        assertNotSame(first, persistence.writer());
        persistence.use(null);

        assertNull(persistence.writer());
        assertTrue(persistence.flush(Duration.ofSeconds(1)), "nothing to write");
    }

    @Test
    void forget_dropsWhatARestartRecorded() throws Exception {
        persistence.use(fileRecordingIagOpenFor30Seconds());

        persistence.forget();
        Target iag = target("iag");
        persistence.restore(iag);

        assertNull(persistence.writer());
        assertEquals(CircuitState.CLOSED, iag.breaker.state());
    }
}
