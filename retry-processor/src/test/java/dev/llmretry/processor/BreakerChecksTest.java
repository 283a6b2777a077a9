package dev.llmretry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmretry.processor.Compile.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class BreakerChecksTest {

    @Test
    void thresholdsBelowOne_compiling_failsWithLlmr006ForEach() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmCircuitBreaker(failureThreshold = 0,
                                       successThreshold = -1,
                                       halfOpenMaxCalls = 0)
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorCount(3);
        assertThat(c).hadErrorContaining("[LLMR-006] @LlmCircuitBreaker: failureThreshold was 0, must be >= 1")
                .inFile(file).onLineContaining("failureThreshold = 0");
        assertThat(c).hadErrorContaining("[LLMR-006] @LlmCircuitBreaker: successThreshold was -1, must be >= 1")
                .inFile(file).onLineContaining("successThreshold = -1");
        assertThat(c).hadErrorContaining("[LLMR-006] @LlmCircuitBreaker: halfOpenMaxCalls was 0, must be >= 1")
                .inFile(file).onLineContaining("halfOpenMaxCalls = 0");
    }

    @Test
    void zeroRecoveryTime_compiling_failsWithLlmr007() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmCircuitBreaker(recoveryTime = "0s")
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorContaining("[LLMR-007] @LlmCircuitBreaker: recoveryTime was 0s, must be > 0")
                .inFile(file).onLineContaining("recoveryTime = \"0s\"");
    }

    @Test
    void sharedNameWithDifferentSettings_compiling_failsWithLlmr015OnTheSecond() {
        JavaFileObject first = source("Chat", """
                public class Chat {
                    @LlmCircuitBreaker(name = "llm", failureThreshold = 3)
                    public String ask(String q) { return q; }
                }
                """);
        JavaFileObject second = source("Summary", """
                public class Summary {
                    @LlmCircuitBreaker(name = "llm", failureThreshold = 5)
                    public String summarize(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(first, second));
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[LLMR-015] @LlmCircuitBreaker(name = \"llm\") is configured differently here "
                + "(failureThreshold=5) than on test.Chat#ask (failureThreshold=3)")
                .inFile(second).onLineContaining("name = \"llm\"");
    }

    @Test
    void sharedNameWithSameSettings_compiling_succeedsWithoutWarnings() {
        Compilation c = Compile.compile(List.of(source("Chat", """
                public class Chat {
                    @LlmCircuitBreaker(name = "llm", recoveryTime = "1m")
                    public String ask(String q) { return q; }
                    @LlmCircuitBreaker(name = "llm", recoveryTime = "1m")
                    public String summarize(String q) { return q; }
                }
                """)));
        assertThat(c).succeededWithoutWarnings();
    }
}
