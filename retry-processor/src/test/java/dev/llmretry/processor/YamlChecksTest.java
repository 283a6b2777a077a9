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

class YamlChecksTest {
    private static final String YAML = """
            retry:
              fast: { max-attempts: 2 }
            circuit-breaker:
              strict: { failure-threshold: 1 }
            endpoints:
              iag: { url: "https://iag.example/v1", api-key: "${IAG_API_KEY}" }
              oneapi: { url: "${ONEAPI_URL:https://oneapi.example/v1}" }
              litellm: { url: "https://litellm.example/v1", priority: 3 }
            """;

    @TempDir
    Path dir;

    private String option(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("retry.yaml"), yaml);
        return "-A" + RetryYaml.OPTION + "=" + file;
    }

    @Test
    void misspeltEndpoint_compiling_failsWithLlmr020SuggestingTheClosestName() throws IOException {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @Failover(endpoints = {"iag", "onapi"})
                    public String ask(String q, Endpoint ep) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file), option(YAML));
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[LLMR-020] @Failover: " + dir.resolve("retry.yaml") + ": no endpoint named "
                + "'onapi', did you mean 'oneapi'?").inFile(file).onLineContaining("\"onapi\"");
        assertThat(c).hadErrorContaining("(defined: iag, oneapi, litellm); add it under endpoints: in retry.yaml");
    }

    @Test
    void unknownRetryPolicy_compiling_failsWithLlmr021() throws IOException {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry(policy = "fats")
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file), option(YAML));
        assertThat(c).hadErrorContaining("[LLMR-021] @LlmRetry: " + dir.resolve("retry.yaml") + ": no retry policy "
                + "named 'fats', did you mean 'fast'? ").inFile(file).onLineContaining("policy = \"fats\"");
        assertThat(c).hadErrorContaining("(defined: default, streaming, fast); add it under retry: in retry.yaml");
    }

    @Test
    void unknownBreakerPolicy_compiling_failsWithLlmr022() throws IOException {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmCircuitBreaker(policy = "lenient")
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file), option(YAML));
        assertThat(c).hadErrorContaining("[LLMR-022] @LlmCircuitBreaker: " + dir.resolve("retry.yaml") + ": no "
                + "circuit-breaker policy named 'lenient' (defined: default, strict)").inFile(file).onLineContaining("policy = \"lenient\"");
    }

    @Test
    void knownNamesAndUnresolvedVariables_compiling_succeedsWithoutWarnings() throws IOException {
        Compilation c = Compile.compile(List.of(source("Chat", """
                public class Chat {
                    @LlmRetry(policy = "fast")
                    @Failover(endpoints = {"iag", "oneapi", "litellm"})
                    public String ask(String q, Endpoint ep) { return q; }
                    @LlmRetry(policy = "streaming") @LlmCircuitBreaker(policy = "strict")
                    public String other(String q) { return q; }
                }
                """)), option(YAML));
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void brokenYaml_compiling_failsWithLlmr023NamingTheKeyPath() throws IOException {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry
                    public String ask(String q) { return q; }
                }
                """);
        String yaml = """
                retry:
                  default: { max-attempts: 0, initial-backof: 1s }
                """;
        Compilation c = Compile.compile(List.of(file), option(yaml));
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("[LLMR-023] ").inFile(file).onLineContaining("public String ask");
        assertThat(c).hadErrorContaining("retry.yaml:2: retry.default.max-attempts was 0, must be >= 1. Use 1 for a single attempt. Fix retry.yaml");
        assertThat(c).hadErrorContaining("retry.default.initial-backof is not a known key, did you mean 'initial-backoff'?");
    }

    @Test
    void misspeltKey_compiling_namesFileAndLine_withoutDoubledPunctuation() throws IOException {
        Compilation c = Compile.compile(List.of(source("Chat", """
                public class Chat {
                    @LlmRetry public String ask(String q) { return q; }
                }
                """)), option("retry:\n  default:\n    max-attemps: 3\n"));
        assertThat(c).hadErrorContaining(dir.resolve("retry.yaml") + ":3: retry.default.max-attemps is not a known key, "
                + "did you mean 'max-attempts'? Fix retry.yaml: the runtime would refuse it at start-up.");
        for (javax.tools.Diagnostic<? extends JavaFileObject> d : c.errors()) {
            String m = d.getMessage(null);
            if (m.contains("?.") || m.contains("..")) throw new AssertionError("doubled punctuation: " + m);
        }
    }

    @Test
    void brokenYamlSyntax_compiling_failsWithLlmr023WithTheLine() throws IOException {
        Compilation c = Compile.compile(List.of(source("Chat", """
                public class Chat {
                    @LlmRetry public String ask(String q) { return q; }
                }
                """)), option("retry: [unclosed\n"));
        assertThat(c).hadErrorContaining("[LLMR-023] ");
        assertThat(c).hadErrorContaining("line 1, column 8: expected ',' or ']'"); // where the [ is left open
    }

    @Test
    void keyWithoutColon_compiling_failsWithLlmr023OnThatLine() throws IOException {
        Compilation c = Compile.compile(List.of(source("Chat", """
                public class Chat {
                    @LlmRetry public String ask(String q) { return q; }
                }
                """)), option("retry:\n  default:\n    max-attempts 6\n    initial-backoff: 1s\n"));
        assertThat(c).hadErrorContaining("[LLMR-023] ");
        assertThat(c).hadErrorContaining("line 3, column 1: a key without ':' before its value");
    }

    @Test
    void optionNamingNoFile_compiling_failsWithLlmr024() {
        Compilation c = Compile.compile(List.of(source("Chat", """
                public class Chat {
                    @LlmRetry public String ask(String q) { return q; }
                }
                """)), "-A" + RetryYaml.OPTION + "=" + dir.resolve("missing.yaml"));
        assertThat(c).hadErrorContaining("[LLMR-024] ");
        assertThat(c).hadErrorContaining("names no file");
    }

    @Test
    void noYamlVisible_compiling_skipsNameChecks() {
        Compilation c = Compile.compile(List.of(source("Chat", """
                public class Chat {
                    @LlmRetry(policy = "anything")
                    @Failover(endpoints = {"a", "b"})
                    public String ask(String q, Endpoint ep) { return q; }
                }
                """)));
        assertThat(c).succeededWithoutWarnings();
    }
}
