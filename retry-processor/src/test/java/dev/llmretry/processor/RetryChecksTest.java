package dev.llmretry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmretry.processor.Compile.compile;
import static dev.llmretry.processor.Compile.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class RetryChecksTest {

    @Test
    void maxAttemptsZero_compiling_failsWithLlmr001OnTheAttribute() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry(maxAttempts = 0)
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(java.util.List.of(file));
        assertThat(c).failed();
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[LLMR-001] @LlmRetry: maxAttempts was 0, must be >= 1. Use 1 for a single attempt.")
                .inFile(file).onLineContaining("maxAttempts = 0");
    }

    @Test
    void unparseableDurations_compiling_failsWithLlmr002ForEachAttribute() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry(initialBackoff = "1 sec",
                              maxBackoff = "30",
                              maxDuration = "-1s",
                              maxRetryAfter = "soon",
                              attemptTimeout = "PTX")
                    public String ask(String q) { return q; }
                    @LlmCircuitBreaker(recoveryTime = "2 minutes")
                    public String other(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(java.util.List.of(file));
        assertThat(c).hadErrorCount(6);
        assertThat(c).hadErrorContaining("[LLMR-002] @LlmRetry: initialBackoff was 1 sec, must be a duration like 500ms, 2s, 1.5m, 1h, 1d or ISO-8601 PT2S")
                .inFile(file).onLineContaining("initialBackoff = \"1 sec\"");
        assertThat(c).hadErrorContaining("[LLMR-002] @LlmRetry: maxBackoff was 30, must be a duration like 500ms, 2s, 1.5m, 1h, 1d or ISO-8601 PT2S (a unit is required)")
                .inFile(file).onLineContaining("maxBackoff = \"30\"");
        assertThat(c).hadErrorContaining("[LLMR-002] @LlmRetry: maxDuration").inFile(file).onLineContaining("maxDuration = \"-1s\"");
        assertThat(c).hadErrorContaining("[LLMR-002] @LlmRetry: maxRetryAfter").inFile(file).onLineContaining("maxRetryAfter");
        assertThat(c).hadErrorContaining("[LLMR-002] @LlmRetry: attemptTimeout").inFile(file).onLineContaining("attemptTimeout");
        assertThat(c).hadErrorContaining("[LLMR-002] @LlmCircuitBreaker: recoveryTime").inFile(file).onLineContaining("2 minutes");
    }

    @Test
    void initialBackoffAboveMaxBackoff_compiling_failsWithLlmr003() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry(initialBackoff = "10s", maxBackoff = "2s")
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(java.util.List.of(file));
        assertThat(c).hadErrorContaining("[LLMR-003] @LlmRetry: maxBackoff was 2s, must be >= initialBackoff (10s). Lower initialBackoff or raise maxBackoff.")
                .inFile(file).onLineContaining("initialBackoff = \"10s\"");
    }

    @Test
    void multiplierBelowOne_compiling_failsWithLlmr004() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry(multiplier = 0.5)
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(java.util.List.of(file));
        assertThat(c).hadErrorContaining("[LLMR-004] @LlmRetry: multiplier was 0.5, must be >= 1.0. Use 1.0 for a constant backoff or 2.0 to double it.")
                .inFile(file).onLineContaining("multiplier = 0.5");
    }

    @Test
    void sameClassInRetryOnAndAbortOn_compiling_failsWithLlmr005() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry(retryOn = IOException.class,
                              abortOn = IOException.class)
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(java.util.List.of(file));
        assertThat(c).hadErrorContaining("[LLMR-005] @LlmRetry lists IOException in both retryOn and abortOn")
                .inFile(file).onLineContaining("retryOn = IOException.class");
    }

    @Test
    void retryOnSubclassOfAbortOn_compiling_failsWithLlmr005() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry(retryOn = {java.net.SocketTimeoutException.class},
                              abortOn = IOException.class)
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(java.util.List.of(file));
        assertThat(c).hadErrorContaining("[LLMR-005] @LlmRetry retryOn lists SocketTimeoutException, a subclass of "
                + "IOException in abortOn").inFile(file).onLineContaining("SocketTimeoutException.class");
    }

    @Test
    void abortOnSubclassOfRetryOn_compiling_succeedsWithoutWarnings() {
        Compilation c = compile("Chat", """
                public class Chat {
                    @LlmRetry(retryOn = IOException.class, abortOn = java.io.FileNotFoundException.class)
                    public String ask(String q) { return q; }
                }
                """);
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void zeroDeadlineAndZeroAttemptTimeout_compiling_failWithLlmr007ButZeroBackoffIsFine() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry(initialBackoff = "0s",
                              maxDuration = "0ms",
                              attemptTimeout = "PT0S")
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(java.util.List.of(file));
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("[LLMR-007] @LlmRetry: maxDuration was 0ms, must be > 0")
                .inFile(file).onLineContaining("maxDuration = \"0ms\"");
        assertThat(c).hadErrorContaining("[LLMR-007] @LlmRetry: attemptTimeout was PT0S, must be > 0 (or none)")
                .inFile(file).onLineContaining("attemptTimeout = \"PT0S\"");
    }

    @Test
    void attemptTimeoutNone_compiling_succeedsWithoutWarnings() {
        Compilation c = compile("Chat", """
                public class Chat {
                    @LlmRetry(attemptTimeout = "none", maxDuration = "PT2M", initialBackoff = "500ms", maxBackoff = "1.5m")
                    public String ask(String q) { return q; }
                }
                """);
        assertThat(c).succeededWithoutWarnings();
    }
}
