package dev.llmretry.spring;

import dev.llmretry.LlmResilience;
import dev.llmretry.config.LlmRetryConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The retry.yaml named by {@code llmretry.config} ({@code classpath:llm/retry.yaml}, {@code file:/etc/app/retry.yaml};
 * a bare path is read as Spring reads it, from the class path in most applications). Without the property, the
 * library finds its retry.yaml itself (class path root, system property {@code llmretry.config}, env
 * {@code LLMRETRY_CONFIG}). Thread-safe.
 *
 * <pre>{@code
 * @Autowired LlmRetryConfigSource retryConfig;
 * retryConfig.reload();   // re-reads the file; a broken one keeps the configuration in force and throws why
 * }</pre>
 */
public final class LlmRetryConfigSource {
    /** The Spring property that names the retry.yaml location. */
    public static final String PROPERTY = "llmretry.config";

    private final String location;
    private final ResourceLoader resources;

    LlmRetryConfigSource(String location, ResourceLoader resources) {
        this.location = location == null || location.isBlank() ? null : location.trim();
        this.resources = resources;
    }

    /** The location given in {@code llmretry.config}; {@code null} when the library finds retry.yaml itself. */
    public String location() {
        return location;
    }

    /**
     * Reads the file and puts it in force (or, without {@code llmretry.config}, re-reads the library's own
     * retry.yaml). Breakers and health survive.
     *
     * @throws LlmRetryConfigException when the file is invalid, saying what to fix; the configuration in force stays
     * @throws IllegalStateException   when there is no file at the location, or it cannot be read
     */
    public void reload() {
        if (location == null) {
            LlmResilience.reload();
        } else {
            LlmResilience.useConfig(location, read());
        }
    }

    private String read() {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            throw new IllegalStateException(PROPERTY + " is '" + location + "', but there is no file there: "
                    + "give a classpath: or file: location of an existing retry.yaml");
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(PROPERTY + " is '" + location + "', but it could not be read: " + e, e);
        }
    }
}
