package dev.llmretry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmretry.processor.Compile.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class MethodChecksTest {

    @Test
    void retryOnInterfaceMethod_compiling_failsWithLlmr014() {
        JavaFileObject file = source("Chat", """
                public interface Chat {
                    @LlmRetry(maxAttempts = 3)
                    String ask(String q);
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorContaining("[LLMR-014] @LlmRetry on an interface method has no body to weave")
                .inFile(file).onLineContaining("@LlmRetry");
    }

    @Test
    void failoverOnAbstractMethod_compiling_failsWithLlmr014() {
        JavaFileObject file = source("Chat", """
                public abstract class Chat {
                    @Failover(endpoints = {"iag", "oneapi"})
                    public abstract String ask(String q, Endpoint ep);
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[LLMR-014] @Failover on an abstract method has no body to weave")
                .inFile(file).onLineContaining("@Failover");
    }

    @Test
    void breakerOnInterfaceType_compiling_failsWithLlmr014() {
        JavaFileObject file = source("Chat", """
                @LlmCircuitBreaker
                public interface Chat {
                    String ask(String q);
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorContaining("[LLMR-014] @LlmCircuitBreaker on the interface Chat has no method body to weave")
                .inFile(file).onLineContaining("@LlmCircuitBreaker");
    }

    @Test
    void retryOnDefaultInterfaceMethod_compiling_succeedsWithoutWarnings() {
        Compilation c = Compile.compile(List.of(source("Chat", """
                public interface Chat {
                    @LlmRetry(maxAttempts = 3)
                    default String ask(String q) { return q; }
                }
                """)));
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void plainFutureResult_compiling_failsWithLlmr016() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry
                    public Future<String> ask(String q) { return null; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorContaining("[LLMR-016] test.Chat#ask returns a java.util.concurrent.Future that is not a "
                + "CompletionStage").inFile(file).onLineContaining("@LlmRetry");
    }

    @Test
    void futureResultUnderTypeLevelRetry_compiling_failsWithLlmr016OnTheMethod() {
        JavaFileObject file = source("Chat", """
                @LlmRetry
                public class Chat {
                    public FutureTask<String> ask(String q) { return null; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorContaining("[LLMR-016] test.Chat#ask returns").inFile(file)
                .onLineContaining("FutureTask<String> ask");
    }

    @Test
    void asyncStreamingAndVoidResults_compiling_succeedWithoutWarnings() {
        Compilation c = Compile.compile(List.of(source("Chat", """
                import java.util.stream.Stream;
                @LlmRetry(attemptTimeout = "30s")
                public class Chat {
                    public CompletableFuture<String> async(String q) { return null; }
                    public CompletionStage<String> stage(String q) { return null; }
                    public Stream<String> stream(String q) { return null; }
                    public Iterator<String> iterator(String q) { return null; }
                    public Flow.Publisher<String> publisher(String q) { return null; }
                    @Failover(endpoints = {"iag", "oneapi"})
                    public void send(String q, Endpoint ep) { }
                }
                """)));
        assertThat(c).succeededWithoutWarnings();
    }
}
