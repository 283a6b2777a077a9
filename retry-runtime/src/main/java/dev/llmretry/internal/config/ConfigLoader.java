package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;
import dev.llmretry.config.LlmRetryConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Finds, reads and checks retry.yaml. Location order: the file named by system property {@code llmretry.config},
 * else by environment variable {@code LLMRETRY_CONFIG} (a file named there must exist), else {@code retry.yaml} at
 * the classpath root (thread context class loader, then this class's loader), else the built-in defaults.
 * {@code ${VAR}} and {@code ${VAR:default}} come from the environment, then system properties. Stateless and
 * thread-safe.
 *
 * <pre>{@code
 * LlmRetryConfig config = ConfigLoader.load();
 * // tests and tools:
 * LlmRetryConfig parsed = ConfigLoader.parse("test.yaml", "retry: { default: { max-attempts: 3 } }", Map.of()::get);
 * LlmRetryConfig isolated = ConfigLoader.load(Map.of("LLMRETRY_CONFIG", "/tmp/r.yaml")::get, Map.of()::get, loader);
 * }</pre>
 */
public final class ConfigLoader {
    /** System property naming the file; wins over the environment variable. */
    public static final String SYSTEM_PROPERTY = "llmretry.config";
    /** Environment variable naming the file. */
    public static final String ENVIRONMENT_VARIABLE = "LLMRETRY_CONFIG";
    /** The classpath resource, at the root. */
    public static final String RESOURCE = "retry.yaml";
    /** Largest file accepted, in bytes (3 MiB). */
    public static final int MAX_BYTES = 3 * 1024 * 1024;

    private ConfigLoader() {
    }

    /**
     * Loads from the standard locations with the real environment and system properties.
     *
     * @throws LlmRetryConfigException if the file named by the property or variable is missing, or the file found
     *                                 is invalid
     */
    public static LlmRetryConfig load() {
        return load(System::getenv, System::getProperty, null);
    }

    /**
     * Loads from the standard locations, with injected lookups (for tests: the real environment is never touched).
     *
     * @param environment      looks up environment variables ({@code LLMRETRY_CONFIG}, then {@code ${VAR}}s)
     * @param systemProperties looks up system properties ({@code llmretry.config}, then {@code ${VAR}}s)
     * @param classLoader      where to look for {@code retry.yaml}; null for the thread context class loader, then
     *                         this class's loader
     */
    public static LlmRetryConfig load(Function<String, String> environment, Function<String, String> systemProperties,
                                      ClassLoader classLoader) {
        Function<String, String> variables = variables(environment, systemProperties);
        String property = nonBlank(systemProperties.apply(SYSTEM_PROPERTY));
        if (property != null) return parseFile(property, "system property " + SYSTEM_PROPERTY, variables);
        String env = nonBlank(environment.apply(ENVIRONMENT_VARIABLE));
        if (env != null) return parseFile(env, "environment variable " + ENVIRONMENT_VARIABLE, variables);
        URL resource = findResource(classLoader);
        if (resource == null) return LlmRetryConfig.defaults();
        return parse(RESOURCE, readResource(resource), variables);
    }

    /**
     * Parses retry.yaml text.
     *
     * @param sourceName starts every message: {@code "retry.yaml"}, a path
     * @param variables  looks up {@code ${VAR}}s; returns null for an unset one
     * @throws LlmRetryConfigException listing every problem in the text
     */
    public static LlmRetryConfig parse(String sourceName, String yamlText, Function<String, String> variables) {
        Objects.requireNonNull(yamlText, "yamlText");
        return ConfigReader.read(sourceName, YamlParser.parse(sourceName, yamlText), Variables.resolving(variables));
    }

    /** Reads and parses one file; its path (as given) is the source of messages. */
    public static LlmRetryConfig parse(Path file, Function<String, String> variables) {
        return parse(file.toString(), readFile(file.toString(), file, null), variables);
    }

    /**
     * Checks structure, keys, types and names without resolving variables: a value containing {@code ${...}} is
     * accepted as is (it can only be checked at run time). For compile-time checks and tools.
     *
     * @return every problem found; empty if the text is fine
     */
    public static List<ConfigProblem> check(String sourceName, String yamlText) {
        try {
            return ConfigReader.check(sourceName, YamlParser.parse(sourceName, yamlText));
        } catch (LlmRetryConfigException e) {
            return e.problems();
        }
    }

    /** Environment first, then system properties: how {@link #load()} resolves {@code ${VAR}}. */
    public static Function<String, String> variables(Function<String, String> environment,
                                                     Function<String, String> systemProperties) {
        return name -> {
            String value = environment.apply(name);
            return value != null ? value : systemProperties.apply(name);
        };
    }

    private static LlmRetryConfig parseFile(String location, String namedBy, Function<String, String> variables) {
        Path path;
        try {
            path = Path.of(location);
        } catch (InvalidPathException e) {
            throw fail(location, "is not a valid path (named by " + namedBy + "): " + e.getReason());
        }
        return parse(location, readFile(location, path, namedBy), variables);
    }

    private static String readFile(String source, Path path, String namedBy) {
        String by = namedBy == null ? "" : " (named by " + namedBy + ")";
        if (!Files.exists(path)) {
            throw fail(source, "file not found" + by + "; fix the path" + (namedBy == null ? "" : ", or unset it to use "
                    + "retry.yaml from the classpath") + " (working directory: " + Path.of("").toAbsolutePath() + ")");
        }
        if (Files.isDirectory(path)) throw fail(source, "is a directory, not a file" + by);
        // a device (/dev/zero never ends) or a FIFO (blocks until someone writes) is refused before it is opened
        if (!Files.isRegularFile(path)) {
            throw fail(source, "is not a regular file (a device, a FIFO or a socket)" + by + "; point it at a retry.yaml file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return decode(source, readBounded(source, in));
        } catch (IOException e) {
            throw fail(source, "cannot be read" + by + ": " + e);
        }
    }

    /** Reads at most {@link #MAX_BYTES} (+1 to notice more), whatever size the file claims. */
    private static byte[] readBounded(String source, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) throw tooLarge(source);
        return bytes;
    }

    private static URL findResource(ClassLoader classLoader) {
        if (classLoader != null) return classLoader.getResource(RESOURCE);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        URL found = context == null ? null : context.getResource(RESOURCE);
        ClassLoader own = ConfigLoader.class.getClassLoader();
        if (found == null && own != null && own != context) found = own.getResource(RESOURCE);
        return found;
    }

    private static String readResource(URL resource) {
        try (InputStream in = resource.openStream()) {
            return decode(RESOURCE, readBounded(RESOURCE, in));
        } catch (IOException e) {
            throw fail(RESOURCE, "cannot be read from " + resource + ": " + e);
        }
    }

    private static String decode(String source, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw fail(source, "is not valid UTF-8 text; save it as UTF-8");
        }
    }

    private static LlmRetryConfigException tooLarge(String source) {
        return fail(source, "the file is larger than " + MAX_BYTES + " bytes; a retry.yaml is a few kilobytes");
    }

    private static LlmRetryConfigException fail(String source, String message) {
        return LlmRetryConfigException.of(source, ConfigProblem.of("", null, "a readable retry.yaml", message));
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
