package dev.llmretry.health;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Persists the health report to {@code health.file} and reads it back at start, so that a restart does not forget
 * an endpoint whose circuit is open: it stays open until its probe time. Writes are atomic (temporary file, then
 * move). A missing or unreadable file is logged and ignored: it never stops the application. The file holds no
 * secrets (last errors are already masked).
 *
 * <pre>{@code
 * HealthStore.save(Path.of(".llmretry/health.json"), LlmResilience.health());
 * Map<String, Instant> open = HealthStore.openCircuits(Path.of(".llmretry/health.json"));
 * }</pre>
 */
public final class HealthStore {
    private static final Logger LOG = LoggerFactory.getLogger(HealthStore.class);
    private static final int MAX_BYTES = 1 << 20;

    private HealthStore() {
    }

    /** Writes {@code report} as JSON; failures are logged, not thrown. */
    public static synchronized void save(Path file, HealthReport report) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".health", ".tmp");
            Files.writeString(tmp, report.toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not write endpoint health to {}: {}", file, e.toString());
        }
    }

    /** Endpoints whose circuit was open in the file, with their probe time; empty when there is no usable file. */
    public static Map<String, Instant> openCircuits(Path file) {
        Map<String, Instant> open = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) return open;
        try {
            if (Files.size(file) > MAX_BYTES) throw new IOException("larger than " + MAX_BYTES + " bytes");
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            options.setNestingDepthLimit(10);
            Object doc = new Yaml(new SafeConstructor(options)).load(Files.readString(file, StandardCharsets.UTF_8));
            if (!(doc instanceof Map<?, ?> endpoints)) throw new IOException("not a JSON object");
            for (Map.Entry<?, ?> e : endpoints.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> status && "circuit_open".equals(status.get("state"))
                        && status.get("next_probe_at") instanceof String at) {
                    open.put(String.valueOf(e.getKey()), Instant.parse(at));
                }
            }
        } catch (IOException | RuntimeException e) {
            String why = e instanceof DateTimeParseException ? "a bad next_probe_at" : e.toString();
            LOG.warn("Ignoring endpoint health in {} ({}); every circuit starts closed", file, why);
            open.clear();
        }
        return open;
    }
}
