package dev.llmretry.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the processor finds retry.yaml in a project laid out like Maven's (file-based class output). */
class RetryYamlTest {
    private static final String YAML = "endpoints:\n  iag: { url: \"https://iag.example/v1\" }\n";

    @TempDir
    Path project;
    private Path classes;
    private StandardJavaFileManager files;

    @BeforeEach
    void layOut() throws IOException {
        classes = Files.createDirectories(project.resolve("target/classes"));
        Files.createDirectories(project.resolve("src/main/java"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
    }

    @AfterEach
    void close() throws IOException {
        files.close();
    }

    @Test
    void yamlInClassOutput_finding_usesIt() throws IOException {
        Files.writeString(classes.resolve("retry.yaml"), YAML);
        RetryYaml yaml = RetryYaml.find(filer(), null);
        assertTrue(yaml.isValid(), yaml.toString());
        assertEquals("retry.yaml (class output)", yaml.source());
        assertEquals(Set.of("iag"), yaml.endpoints());
    }

    @Test
    void yamlCopiedFromSrcMainResources_finding_namesTheFileTheUserEdits() throws IOException {
        Path resources = Files.createDirectories(project.resolve("src/main/resources"));
        Files.writeString(resources.resolve("retry.yaml"), YAML);
        Files.writeString(classes.resolve("retry.yaml"), YAML);
        RetryYaml yaml = RetryYaml.find(filer(), null);
        assertEquals(resources.resolve("retry.yaml").toString(), yaml.source());
    }

    @Test
    void keyPaths_lookingUpTheirLine_findTheDeepestKey() {
        RetryYaml yaml = RetryYaml.of("retry.yaml", """
                retry:
                  default:
                    max-attemps: 3
                endpoints:
                  iag:
                    url: "https://iag.example/v1"
                    proxy: { https: "http://p:1", no-proxy: [localhost, "10.0.0.0/8"] }
                methods:
                  com.acme.Chat#ask: { retry: { max-attempts: 0 } }
                """);
        assertEquals(3, yaml.line("retry.default.max-attemps"));
        assertEquals(7, yaml.line("endpoints.iag.proxy.no-proxy[1]"));
        assertEquals(9, yaml.line("methods.com.acme.Chat#ask.retry.max-attempts"));
        assertEquals(9, yaml.line("methods.\"com.acme.Chat#ask\".retry.max-attempts"));
        assertEquals(4, yaml.line("endpoints.oneapi"), "an absent key points at the nearest present parent");
        assertEquals(0, yaml.line(""));
    }

    @Test
    void yamlOnlyInSrcMainResources_finding_fallsBackToTheProjectFile() throws IOException {
        Path resources = Files.createDirectories(project.resolve("src/main/resources"));
        Files.writeString(resources.resolve("retry.yaml"), YAML);
        RetryYaml yaml = RetryYaml.find(filer(), null);
        assertTrue(yaml.isValid(), yaml.toString());
        assertEquals(resources.resolve("retry.yaml").toString(), yaml.source());
    }

    @Test
    void gradleLayout_finding_fallsBackToTheProjectFile() throws IOException {
        classes = Files.createDirectories(project.resolve("build/classes/java/main"));
        Path resources = Files.createDirectories(project.resolve("src/main/resources"));
        Files.writeString(resources.resolve("retry.yaml"), YAML);
        RetryYaml yaml = RetryYaml.find(filer(), null);
        assertEquals(resources.resolve("retry.yaml").toString(), yaml.source());
    }

    @Test
    void relativeOption_finding_resolvesAgainstTheProjectDirectory() throws IOException {
        Files.createDirectories(project.resolve("config"));
        Files.writeString(project.resolve("config/llm.yaml"), YAML);
        RetryYaml yaml = RetryYaml.find(filer(), "config/llm.yaml");
        assertTrue(yaml.isValid(), yaml.toString());
        assertEquals(Set.of("iag"), yaml.endpoints());
    }

    @Test
    void noYamlAnywhere_finding_isAbsent() {
        RetryYaml yaml = RetryYaml.find(filer(), null);
        assertFalse(yaml.isPresent());
    }

    @Test
    void builtInPolicies_reading_areAlwaysKnown() {
        RetryYaml yaml = RetryYaml.of("retry.yaml", "retry: { fast: { max-attempts: 2 } }");
        assertEquals(List.of("default", "streaming", "fast"), List.copyOf(yaml.retryPolicies()));
        assertEquals(List.of("default"), List.copyOf(yaml.breakerPolicies()));
    }

    /** A Filer like javac's under Maven: class output on disk, no source path for resources. */
    private Filer filer() {
        return (Filer) Proxy.newProxyInstance(Filer.class.getClassLoader(), new Class<?>[] {Filer.class}, (p, m, args) -> {
            if (!m.getName().equals("getResource")) throw new UnsupportedOperationException(m.getName());
            if (args[0] != StandardLocation.CLASS_OUTPUT) throw new IllegalArgumentException("no " + args[0]);
            return files.getJavaFileObjects(classes.resolve((String) args[2])).iterator().next();
        });
    }
}
