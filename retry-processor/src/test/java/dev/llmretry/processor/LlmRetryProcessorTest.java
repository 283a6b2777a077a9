package dev.llmretry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmretry.processor.Compile.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import javax.lang.model.SourceVersion;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class LlmRetryProcessorTest {

    @Test
    void fileWithThreeMistakes_compiling_reportsThreeErrors() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry(maxAttempts = 0, initialBackoff = "fast")
                    public String ask(String q) { return q; }
                    @Failover(endpoints = {"iag", "oneapi"})
                    public String complete(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorCount(3);
        assertThat(c).hadErrorContaining("[LLMR-001]").inFile(file).onLineContaining("maxAttempts = 0");
        assertThat(c).hadErrorContaining("[LLMR-002]").inFile(file).onLineContaining("initialBackoff = \"fast\"");
        assertThat(c).hadErrorContaining("[LLMR-012]").inFile(file).onLineContaining("@Failover");
    }

    @Test
    void validService_compiling_succeedsWithoutWarnings() {
        Compilation c = Compile.compile(List.of(source("ChatService", """
                @LlmRetry(maxAttempts = 4, initialBackoff = "500ms", maxBackoff = "10s", multiplier = 2.0,
                          jitter = Jitter.FULL, maxDuration = "2m", maxRetryAfter = "30s",
                          retryOn = IOException.class, abortOn = IllegalStateException.class)
                public class ChatService {
                    @Failover(endpoints = {"iag", "oneapi", "litellm"}, strategy = FailoverStrategy.PRIORITY)
                    public String complete(String prompt, Endpoint endpoint) { return prompt; }

                    @LlmCircuitBreaker(name = "summaries", failureThreshold = 5, recoveryTime = "60s",
                                       successThreshold = 2, halfOpenMaxCalls = 1)
                    public CompletableFuture<String> summarize(String text) { return null; }

                    public String plain(String q) { return q; }
                    private String helper() { return ""; }
                }
                """)));
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void unannotatedSources_compiling_succeedWithoutWarnings() {
        Compilation c = Compile.compile(List.of(source("Plain", "public class Plain { }")));
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void processor_declaringItself_supportsLatestVersionAndTheConfigOption() {
        LlmRetryProcessor processor = new LlmRetryProcessor();
        assertEquals(SourceVersion.latestSupported(), processor.getSupportedSourceVersion());
        assertEquals(java.util.Set.of("llmretry.config"), processor.getSupportedOptions());
        assertTrue(processor.getSupportedAnnotationTypes().contains("dev.llmretry.annotation.Failover"));
    }

    @Test
    void serviceLoader_discoveringProcessors_findsItThroughAutoService() {
        boolean found = ServiceLoader.load(Processor.class).stream()
                .anyMatch(p -> p.type() == LlmRetryProcessor.class);
        assertTrue(found, "META-INF/services/javax.annotation.processing.Processor lists LlmRetryProcessor");
    }

    @Test
    void unresolvableExceptionClass_compiling_reportsOnlyTheJavacError() {
        Compilation c = Compile.compile(List.of(source("Chat", """
                public class Chat {
                    @LlmRetry(retryOn = NoSuchException.class, maxAttempts = 2)
                    public String ask(String q) { return q; }
                }
                """)));
        assertThat(c).failed();
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("NoSuchException");
    }
}
