package dev.llmretry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmretry.processor.Compile.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The annotation and its policy in retry.yaml, checked together as the runtime will at the first call. */
class PolicyChecksTest {
    @TempDir
    Path dir;

    private String option(String yaml) throws IOException {
        return "-A" + RetryYaml.OPTION + "=" + Files.writeString(dir.resolve("retry.yaml"), yaml);
    }

    private static JavaFileObject chat(String annotation) {
        return source("Chat", "public class Chat {\n    " + annotation + "\n    public String ask(String q) { return q; }\n}\n");
    }

    @Test
    void initialBackoffAbovePolicysMaxBackoff_compiling_failsWithLlmr025OnTheAttribute() throws IOException {
        JavaFileObject file = chat("@LlmRetry(initialBackoff = \"5s\")");
        Compilation c = Compile.compile(List.of(file), option("retry:\n  default: { max-backoff: 1s }\n"));
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[LLMR-025] @LlmRetry with policy 'default' of " + dir.resolve("retry.yaml")
                + ": initialBackoff was 5s, must be <= maxBackoff (1s). Lower initialBackoff or raise maxBackoff. The first "
                + "call would fail with this.")
                .inFile(file).onLineContaining("initialBackoff = \"5s\"");
    }

    @Test
    void maxBackoffInMethodsEntryBelowTheAnnotation_compiling_failsWithLlmr025() throws IOException {
        JavaFileObject file = chat("@LlmRetry(policy = \"fast\", initialBackoff = \"2s\", maxBackoff = \"4s\")");
        Compilation c = Compile.compile(List.of(file), option("""
                retry:
                  fast: { max-attempts: 3 }
                methods:
                  "test.Chat#ask": { retry: { max-backoff: 1s } }
                """));
        assertThat(c).hadErrorContaining("[LLMR-025] @LlmRetry with policy 'fast' of " + dir.resolve("retry.yaml")
                + " with its methods: entry (" + dir.resolve("retry.yaml") + ":4): methods.\"test.Chat#ask\".retry.max-backoff "
                + "was 1s, must be >= initial-backoff (2s). Lower initial-backoff or raise max-backoff. The first call "
                + "would fail with this.");
    }

    @Test
    void policyDeadlineShorterThanTheAnnotationsBackoff_compiling_warnsWithLlmr102() throws IOException {
        JavaFileObject file = chat("@LlmRetry(initialBackoff = \"5s\", maxBackoff = \"10s\")");
        Compilation c = Compile.compile(List.of(file), option("retry:\n  default: { max-duration: 2s }\n"));
        assertThat(c).succeeded();
        assertThat(c).hadWarningContaining("[LLMR-102] @LlmRetry with policy 'default' of " + dir.resolve("retry.yaml")
                + ": max-duration (2s) is shorter than initial-backoff (5s)").inFile(file)
                .onLineContaining("initialBackoff = \"5s\"");
    }

    @Test
    void policyValuesFromVariables_compiling_leftForRunTime() throws IOException {
        Compilation c = Compile.compile(List.of(chat("@LlmRetry(initialBackoff = \"5s\")")),
                option("retry:\n  default: { max-backoff: \"${MAX_BACKOFF:1s}\" }\n"
                        + "endpoints:\n  iag: { url: \"${IAG_URL}\" }\n"));
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void annotationWithinThePolicy_compiling_succeedsWithoutWarnings() throws IOException {
        Compilation c = Compile.compile(List.of(chat("@LlmRetry(initialBackoff = \"500ms\")")),
                option("retry:\n  default: { max-backoff: 1s, max-duration: 1m }\n"
                        + "endpoints:\n  iag: { url: \"https://iag.example/v1\", api-key: \"${IAG_KEY}\" }\n"));
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void misspeltPolicyOverriddenByItsMethodsEntry_compiling_succeedsAsTheRuntimeRuns() throws IOException {
        // the runtime takes the methods: entry's policy and never looks the annotation's up
        Compilation c = Compile.compile(List.of(chat("@LlmRetry(policy = \"fats\")")), option("""
                retry:
                  fast: { max-attempts: 2 }
                methods:
                  "test.Chat#ask": { retry: { policy: fast } }
                """));
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void misspeltPolicyWithoutMethodsEntry_compiling_failsWithLlmr021() throws IOException {
        Compilation c = Compile.compile(List.of(chat("@LlmRetry(policy = \"fats\")")),
                option("retry:\n  fast: { max-attempts: 2 }\n"));
        assertThat(c).hadErrorContaining("[LLMR-021] @LlmRetry: " + dir.resolve("retry.yaml") + ": no retry policy named "
                + "'fats', did you mean 'fast'?");
    }
}
