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

/** The circuit-breaker keys of issue 13 are checked at compile time like every other key. */
class AvailabilityKeysTest {
    @TempDir
    Path dir;

    private final JavaFileObject chat = source("Chat", """
            public class Chat {
                @LlmRetry
                public String ask(String q) { return q; }
            }
            """);

    private Compilation compile(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("retry.yaml"), yaml);
        return Compile.compile(List.of(chat), "-A" + RetryYaml.OPTION + "=" + file);
    }

    @Test
    void availabilityKeys_validValues_compile() throws IOException {
        Compilation c = compile("""
                circuit-breaker:
                  default: { min-failure-rate: 60%, outage-threshold: 8, min-recovery-time: 2s, retry-budget: 10%,
                             min-retries-per-second: 0.5 }
                  strict: { min-failure-rate: off, retry-budget: off }
                """);
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void availabilityKeys_badValues_failWithLlmr023NamingEachKey() throws IOException {
        Compilation c = compile("""
                circuit-breaker:
                  default: { min-failure-rate: 150%, outage-threshold: 0, min-recovery-time: 0s, retry-budget: lots,
                             min-retries-per-second: -1 }
                """);
        assertThat(c).hadErrorContaining("circuit-breaker.default.min-failure-rate was 150%");
        assertThat(c).hadErrorContaining("circuit-breaker.default.outage-threshold was 0, must be >= 1");
        assertThat(c).hadErrorContaining("circuit-breaker.default.min-recovery-time was 0s, must be > 0");
        assertThat(c).hadErrorContaining("circuit-breaker.default.retry-budget was lots");
        assertThat(c).hadErrorContaining("circuit-breaker.default.min-retries-per-second was -1");
    }

    @Test
    void misspeltAvailabilityKey_failsWithDidYouMean() throws IOException {
        Compilation c = compile("""
                circuit-breaker:
                  default: { retry-budjet: 10% }
                """);
        assertThat(c).hadErrorContaining("circuit-breaker.default.retry-budjet is not a known key, did you mean 'retry-budget'?");
    }
}
