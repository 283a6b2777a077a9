package dev.llmretry.internal.config;

import dev.llmretry.config.LlmRetryConfigException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** load(): system property, then environment variable, then classpath, then built-in defaults; lookups injected. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> props = new HashMap<>();
    private ClassLoader emptyClasspath;

    @BeforeEach
    void setUp() throws IOException {
        emptyClasspath = classpathWith(null);
    }

    private Path file(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private ClassLoader classpathWith(String retryYaml) throws IOException {
        Path root = Files.createDirectories(dir.resolve("classpath-" + (retryYaml == null ? "empty" : "full")));
        if (retryYaml != null) Files.writeString(root.resolve("retry.yaml"), retryYaml);
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }

    private LlmRetryConfig load(ClassLoader loader) {
        return ConfigLoader.load(env::get, props::get, loader);
    }

    private static int attempts(LlmRetryConfig config) {
        return config.retryPolicy("default").maxAttempts();
    }

    @Test
    void systemProperty_load_winsOverEnvironmentAndClasspath() throws IOException {
        props.put("llmretry.config", file("prop.yaml", "retry: { default: { max-attempts: 1 } }").toString());
        env.put("LLMRETRY_CONFIG", file("env.yaml", "retry: { default: { max-attempts: 2 } }").toString());
        LlmRetryConfig config = load(classpathWith("retry: { default: { max-attempts: 3 } }"));
        assertEquals(1, attempts(config));
        assertEquals(dir.resolve("prop.yaml").toString(), config.source());
    }

    @Test
    void environmentVariable_load_winsOverClasspath() throws IOException {
        env.put("LLMRETRY_CONFIG", file("env.yaml", "retry: { default: { max-attempts: 2 } }").toString());
        assertEquals(2, attempts(load(classpathWith("retry: { default: { max-attempts: 3 } }"))));
    }

    @Test
    void classpathResource_load_usedWhenNothingNamed() throws IOException {
        LlmRetryConfig config = load(classpathWith("retry: { default: { max-attempts: 3 } }"));
        assertEquals(3, attempts(config));
        assertEquals("retry.yaml", config.source());
    }

    @Test
    void nothingAnywhere_load_givesBuiltInDefaults() {
        assertSame(LlmRetryConfig.defaults(), load(emptyClasspath));
    }

    @Test
    void blankProperty_load_ignored() throws IOException {
        props.put("llmretry.config", "  ");
        assertEquals(3, attempts(load(classpathWith("retry: { default: { max-attempts: 3 } }"))));
    }

    @Test
    void missingFileNamedByProperty_load_failsSayingWhoNamedIt() {
        String missing = dir.resolve("nope.yaml").toString();
        props.put("llmretry.config", missing);
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class, () -> load(emptyClasspath));
        assertEquals(missing, e.source());
        assertTrue(e.getMessage().startsWith(missing + ": file not found (named by system property llmretry.config); "
                + "fix the path, or unset it to use retry.yaml from the classpath (working directory: "), e.getMessage());
    }

    @Test
    void missingFileNamedByEnvironment_load_failsSayingWhoNamedIt() {
        env.put("LLMRETRY_CONFIG", dir.resolve("nope.yaml").toString());
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class, () -> load(emptyClasspath));
        assertTrue(e.getMessage().contains("file not found (named by environment variable LLMRETRY_CONFIG)"), e.getMessage());
    }

    @Test
    void directoryNamed_load_failsSayingItIsADirectory() {
        props.put("llmretry.config", dir.toString());
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class, () -> load(emptyClasspath));
        assertEquals(dir + ": is a directory, not a file (named by system property llmretry.config)", e.getMessage());
    }

    @Test
    void invalidFile_load_failsWithItsPathAsSource() throws IOException {
        props.put("llmretry.config", file("bad.yaml", "retry: { default: { max-attempts: 0 } }").toString());
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class, () -> load(emptyClasspath));
        assertEquals(dir.resolve("bad.yaml") + ": retry.default.max-attempts was 0, must be >= 1. Use 1 for a single attempt.", e.getMessage());
    }

    @Test
    void invalidClasspathResource_load_failsNamingRetryYaml() throws IOException {
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> load(classpathWith("retry: { default: { jitter: wild } }")));
        assertEquals("retry.yaml: retry.default.jitter was wild, must be one of none, full, equal, decorrelated", e.getMessage());
    }

    @Test
    void variables_load_fromEnvironmentFirstThenSystemProperties() throws IOException {
        String yaml = "endpoints:\n  iag:\n    url: https://${HOST}/v1\n    model: ${MODEL}\n";
        env.put("HOST", "env.example");
        props.put("HOST", "prop.example");
        props.put("MODEL", "prop-model");
        EndpointSettings iag = load(classpathWith(yaml)).endpoint("iag").orElseThrow();
        assertEquals("https://env.example/v1", iag.url());
        assertEquals("prop-model", iag.model());
    }

    @Test
    void tooLargeFile_load_refusedBeforeReading() throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[ConfigLoader.MAX_BYTES + 1]);
        props.put("llmretry.config", big.toString());
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class, () -> load(emptyClasspath));
        assertEquals(big + ": the file is larger than 3145728 bytes; a retry.yaml is a few kilobytes", e.getMessage());
    }

    @Test
    void notUtf8_load_saysToSaveAsUtf8() throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), "endpoints: { iag: { url: https://iag.example, model: caf\u00e9 } }"
                .getBytes(StandardCharsets.ISO_8859_1));
        props.put("llmretry.config", latin1.toString());
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class, () -> load(emptyClasspath));
        assertEquals(latin1 + ": is not valid UTF-8 text; save it as UTF-8", e.getMessage());
    }

    @Test
    void pathOverload_parse_usesPathAsSource() throws IOException {
        Path file = file("ops.yaml", "retry: { default: { max-attempts: 4 } }");
        LlmRetryConfig config = ConfigLoader.parse(file, name -> null);
        assertEquals(file.toString(), config.source());
        assertEquals(4, attempts(config));
    }

    @Test
    void variablesHelper_lookup_prefersEnvironment() {
        assertEquals("e", ConfigLoader.variables(Map.of("A", "e")::get, Map.of("A", "p")::get).apply("A"));
        assertEquals("p", ConfigLoader.variables(Map.<String, String>of()::get, Map.of("A", "p")::get).apply("A"));
    }
}
