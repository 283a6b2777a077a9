package dev.llmretry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmretry.processor.Compile.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class WarningsTest {

    @Test
    void moreThanTwentyAttempts_compiling_warnsLlmr101() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry(maxAttempts = 50)
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).succeeded();
        assertThat(c).hadWarningContaining("[LLMR-101] @LlmRetry maxAttempts = 50 is more than 20")
                .inFile(file).onLineContaining("maxAttempts = 50");
    }

    @Test
    void deadlineShorterThanBackoff_compiling_warnsLlmr102() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry(initialBackoff = "5s",
                              maxDuration = "2s")
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadWarningContaining("[LLMR-102] @LlmRetry: maxDuration (2s) is shorter than initialBackoff (5s), so the deadline passes before the "
                + "first retry and the call is never retried. Raise maxDuration or lower initialBackoff.")
                .inFile(file).onLineContaining("maxDuration = \"2s\"");
    }

    @Test
    void breakerNameOnFailoverMethod_compiling_warnsLlmr103() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmCircuitBreaker(name = "chat")
                    @Failover(endpoints = {"iag", "oneapi"})
                    public String ask(String q, Endpoint ep) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).succeeded();
        assertThat(c).hadWarningContaining("[LLMR-103] @LlmCircuitBreaker: name is ignored on a @Failover method")
                .inFile(file).onLineContaining("name = \"chat\"");
    }

    @Test
    void singleEndpoint_compiling_warnsLlmr104() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @Failover(endpoints = "iag")
                    public String ask(String q, Endpoint ep) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadWarningContaining("[LLMR-104] @Failover names a single endpoint ('iag')")
                .inFile(file).onLineContaining("endpoints = \"iag\"");
    }

    @Test
    void retryOnRuntimeException_compiling_warnsLlmr105() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry(retryOn = RuntimeException.class)
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadWarningContaining("[LLMR-105] @LlmRetry retryOn lists RuntimeException")
                .inFile(file).onLineContaining("retryOn = RuntimeException.class");
    }

    @Test
    void perCheckKeyOnMethod_compiling_suppressesOnlyThatWarning() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @SuppressWarnings("llmretry:many-attempts")
                    @LlmRetry(maxAttempts = 50, retryOn = Error.class)
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadWarningCount(1);
        assertThat(c).hadWarningContaining("[LLMR-105]");
    }

    @Test
    void blanketKeyOnClass_compiling_suppressesEveryWarning() {
        Compilation c = Compile.compile(List.of(source("Chat", """
                @SuppressWarnings("llmretry")
                public class Chat {
                    @LlmRetry(maxAttempts = 50, initialBackoff = "5s", maxDuration = "1s", retryOn = Throwable.class)
                    @LlmCircuitBreaker(name = "chat")
                    @Failover(endpoints = "iag")
                    public String ask(String q, Endpoint ep) { return q; }
                }
                """)));
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void suppressedWarnings_compiling_stillReportErrors() {
        JavaFileObject file = source("Chat", """
                @SuppressWarnings("llmretry")
                public class Chat {
                    @LlmRetry(maxAttempts = 0)
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorContaining("[LLMR-001]").inFile(file).onLineContaining("maxAttempts = 0");
    }
}
