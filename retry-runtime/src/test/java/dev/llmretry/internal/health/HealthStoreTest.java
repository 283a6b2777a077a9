package dev.llmretry.internal.health;

import dev.llmretry.health.EndpointStatus;
import dev.llmretry.health.HealthReport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing the health file: merged with other instances' entries, and no temporary file left (issue 14, 13-14). */
class HealthStoreTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    @TempDir Path dir;

    static EndpointStatus healthy(String name) {
        return new EndpointStatus(name, "healthy", 1.0, 0, 10, null, null, null);
    }

    static EndpointStatus open(String name, Instant until) {
        return new EndpointStatus(name, "circuit_open", 0.0, 3, 3, "504 Gateway Timeout", null, until);
    }

    static HealthReport report(EndpointStatus... statuses) {
        Map<String, EndpointStatus> m = new LinkedHashMap<>();
        for (EndpointStatus s : statuses) m.put(s.name(), s);
        return new HealthReport(m);
    }

    @Test
    void otherInstanceOpenedACircuit_thisOneSeesItHealthy_theOpenCircuitIsKept() throws Exception {
        Path file = dir.resolve("health.json");
        HealthStore.write(file, report(open("iag", NOW.plusSeconds(120)), healthy("oneapi")), NOW, Map.of()); // instance A
        HealthStore.write(file, report(healthy("iag"), open("oneapi", NOW.plusSeconds(60))), NOW, Map.of()); // instance B

        assertEquals(Map.of("iag", NOW.plusSeconds(120), "oneapi", NOW.plusSeconds(60)), HealthStore.openCircuits(file));
    }

    @Test
    void bothOpenedTheSameCircuit_theLaterOpenUntilIsKept() throws Exception {
        Path file = dir.resolve("health.json");
        HealthStore.write(file, report(open("iag", NOW.plusSeconds(120))), NOW, Map.of());
        HealthStore.write(file, report(open("iag", NOW.plusSeconds(30))), NOW, Map.of());
        assertEquals(Map.of("iag", NOW.plusSeconds(120)), HealthStore.openCircuits(file));

        HealthStore.write(file, report(open("iag", NOW.plusSeconds(300))), NOW, Map.of());
        assertEquals(Map.of("iag", NOW.plusSeconds(300)), HealthStore.openCircuits(file));
    }

    @Test
    void aWriterClosesTheCircuitItRecordedOpen_theFileSaysClosed() throws Exception {
        Path file = dir.resolve("health.json");
        Map<String, Instant> own = HealthStore.write(file, report(open("iag", NOW.plusSeconds(120))), NOW, Map.of());
        HealthStore.write(file, report(healthy("iag")), NOW.plusSeconds(1), own); // closed by hand (reset) before its probe

        assertEquals(Map.of(), HealthStore.openCircuits(file));
    }

    @Test
    void anotherInstancesOpenCircuitWhoseProbeTimeHasPassed_isOverwritten() throws Exception {
        Path file = dir.resolve("health.json");
        HealthStore.write(file, report(open("iag", NOW.plusSeconds(120))), NOW, Map.of());
        HealthStore.write(file, report(healthy("iag")), NOW.plusSeconds(121), Map.of());

        assertEquals(Map.of(), HealthStore.openCircuits(file));
    }

    @Test
    void entriesThisInstanceDoesNotKnow_areKeptAsTheyAre() throws Exception {
        Path file = dir.resolve("health.json");
        HealthStore.write(file, report(healthy("iag"), open("billing-breaker", NOW.minusSeconds(5))), NOW, Map.of());
        HealthStore.write(file, report(healthy("iag")), NOW, Map.of());

        assertEquals("{\"iag\":{\"state\":\"healthy\",\"success_rate\":1.00,\"consecutive_failures\":0,\"total_requests\":10},"
                + "\"billing-breaker\":{\"state\":\"circuit_open\",\"success_rate\":0.00,\"consecutive_failures\":3,"
                + "\"total_requests\":3,\"last_error\":\"504 Gateway Timeout\",\"next_probe_at\":\"2025-12-31T23:59:55Z\"}}",
                Files.readString(file));
    }

    @Test
    void unusableFileInTheWay_isReplacedByTheReport() throws Exception {
        Path file = dir.resolve("health.json");
        Files.writeString(file, "{ not json");
        HealthStore.write(file, report(open("iag", NOW.plusSeconds(120))), NOW, Map.of());

        assertEquals(Map.of("iag", NOW.plusSeconds(120)), HealthStore.openCircuits(file));
    }

    @Test
    void writeFails_directoryInTheWay_noTemporaryFileLeft() throws Exception {
        Path file = dir.resolve("health.json");
        Files.createDirectories(file.resolve("in-the-way"));
        for (int i = 0; i < 20; i++) {
            assertThrows(IOException.class, () -> HealthStore.write(file, report(healthy("iag")), NOW, Map.of()));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }
}
