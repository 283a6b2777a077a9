package dev.llmretry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmretry.processor.Compile.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** LLMR-017: result types the advice matches but cannot return are compile errors, with the type to declare. */
class ResultShapesTest {

    @Test
    void listIteratorResult_compiling_failsWithLlmr017_sayingDeclareIterator() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @LlmRetry
                    public ListIterator<String> chunks(String q) { return List.of(q).listIterator(); }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[LLMR-017] test.Chat#chunks returns java.util.ListIterator, a subtype of Iterator that "
                + "llm-retry cannot return").inFile(file).onLineContaining("@LlmRetry");
        assertThat(c).hadErrorContaining("Declare the result as Iterator.");
    }

    @Test
    void submissionPublisherResult_compiling_failsWithLlmr017_sayingDeclareFlowPublisher() {
        Compilation c = Compile.compile("Chat", """
                public class Chat {
                    @LlmRetry
                    public SubmissionPublisher<String> chunks(String q) { return new SubmissionPublisher<>(); }
                }
                """);
        assertThat(c).hadErrorContaining("[LLMR-017] test.Chat#chunks returns java.util.concurrent.SubmissionPublisher");
        assertThat(c).hadErrorContaining("Declare the result as Flow.Publisher.");
    }

    @Test
    void completableFutureSubclassResult_compiling_failsWithLlmr017() {
        Compilation c = Compile.compile("Chat", """
                public class Chat {
                    public static class Answer extends CompletableFuture<String> { }
                    @LlmRetry
                    public Answer ask(String q) { return new Answer(); }
                }
                """);
        assertThat(c).hadErrorContaining("[LLMR-017] test.Chat#ask returns test.Chat.Answer");
        assertThat(c).hadErrorContaining("Declare the result as CompletionStage or CompletableFuture.");
    }

    @Test
    void reactorMonoResult_withoutRetryReactor_failsWithLlmr017_namingTheModule() {
        Compilation c = Compile.compile(List.of(REACTOR_MONO, chatReturning("reactor.core.publisher.Mono<String>")));
        assertThat(c).hadErrorContaining("[LLMR-017] test.Chat#ask returns reactor.core.publisher.Mono: Reactor "
                + "results need the retry-reactor module, or the method would run unprotected. Add the dependency "
                + "dev.llmretry:retry-reactor");
    }

    @Test
    void reactorFluxResult_withoutRetryReactor_failsWithLlmr017_namingTheModule() {
        Compilation c = Compile.compile(List.of(REACTOR_FLUX, chatReturning("reactor.core.publisher.Flux<String>")));
        assertThat(c).hadErrorContaining("[LLMR-017] test.Chat#ask returns reactor.core.publisher.Flux: Reactor "
                + "results need the retry-reactor module");
    }

    @Test
    void reactorMonoAndFluxResults_withRetryReactorOnTheClassPath_compile() {
        Compilation c = Compile.compile(List.of(REACTOR_MONO, REACTOR_FLUX, REACTOR_ADVICE, source("Chat", """
                public class Chat {
                    @LlmRetry
                    public reactor.core.publisher.Mono<String> ask(String q) { return null; }
                    @LlmRetry
                    public reactor.core.publisher.Flux<String> tokens(String q) { return null; }
                }
                """)));
        assertThat(c).succeededWithoutWarnings();
    }

    /** retry-reactor's advice rebinds the Endpoint in the same six positions as the core's; the compiler agrees. */
    @Test
    void reactorResults_endpointSixthCompiles_seventhFailsWithLlmr013() {
        JavaFileObject sixth = source("Chat", """
                public class Chat {
                    @Failover(endpoints = {"iag", "oneapi"})
                    public reactor.core.publisher.Mono<String> ask(int a, int b, int c, int d, int e, Endpoint endpoint) { return null; }
                    @Failover(endpoints = {"iag", "oneapi"})
                    public reactor.core.publisher.Flux<String> tokens(int a, int b, int c, int d, int e, Endpoint endpoint) { return null; }
                }
                """);
        assertThat(Compile.compile(List.of(REACTOR_MONO, REACTOR_FLUX, REACTOR_ADVICE, sixth))).succeededWithoutWarnings();

        JavaFileObject seventh = source("Chat", """
                public class Chat {
                    @Failover(endpoints = {"iag", "oneapi"})
                    public reactor.core.publisher.Mono<String> ask(int a, int b, int c, int d, int e, int f, Endpoint endpoint) { return null; }
                }
                """);
        Compilation c = Compile.compile(List.of(REACTOR_MONO, REACTOR_ADVICE, seventh));
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[LLMR-013] The Endpoint parameter of test.Chat#ask is parameter 7");
    }

    @Test
    void otherReactorResult_withRetryReactorOnTheClassPath_failsWithLlmr017_declareMonoOrFlux() {
        JavaFileObject parallel = JavaFileObjects.forSourceString("reactor.core.publisher.ParallelFlux",
                "package reactor.core.publisher; public abstract class ParallelFlux<T> { }");
        Compilation c = Compile.compile(List.of(parallel, REACTOR_ADVICE,
                chatReturning("reactor.core.publisher.ParallelFlux<String>")));
        assertThat(c).hadErrorContaining("[LLMR-017] test.Chat#ask returns reactor.core.publisher.ParallelFlux: "
                + "llm-retry protects Reactor's Mono and Flux (with the retry-reactor module), not other reactive "
                + "types");
    }

    private static final JavaFileObject REACTOR_MONO = JavaFileObjects.forSourceString("reactor.core.publisher.Mono",
            "package reactor.core.publisher; public abstract class Mono<T> { }");
    private static final JavaFileObject REACTOR_FLUX = JavaFileObjects.forSourceString("reactor.core.publisher.Flux",
            "package reactor.core.publisher; public abstract class Flux<T> { }");
    /** Stands in for retry-reactor on the compile class path: the processor looks its advice up by name. */
    private static final JavaFileObject REACTOR_ADVICE = JavaFileObjects.forSourceString(
            "dev.llmretry.reactor.ReactorAdvice", "package dev.llmretry.reactor; public class ReactorAdvice { }");

    private static JavaFileObject chatReturning(String type) {
        return source("Chat", """
                public class Chat {
                    @LlmRetry
                    public %s ask(String q) { return null; }
                }
                """.formatted(type));
    }

    @Test
    void typeLevelRetry_onListIteratorMethod_compiling_failsOnTheMethod() {
        JavaFileObject file = source("Chat", """
                @LlmRetry
                public class Chat {
                    public ListIterator<String> chunks(String q) { return List.of(q).listIterator(); }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorContaining("[LLMR-017]").inFile(file).onLineContaining("ListIterator<String> chunks");
    }

    @Test
    void everySupportedShape_compiling_succeedsWithoutWarnings() {
        Compilation c = Compile.compile("Chat", """
                public class Chat {
                    @LlmRetry public String text(String q) { return q; }
                    @LlmRetry public CompletableFuture<String> future(String q) { return null; }
                    @LlmRetry public CompletionStage<String> stage(String q) { return null; }
                    @LlmRetry public java.util.stream.Stream<String> stream(String q) { return null; }
                    @LlmRetry public java.util.stream.IntStream ints(String q) { return null; }
                    @LlmRetry public java.util.stream.LongStream longs(String q) { return null; }
                    @LlmRetry public java.util.stream.DoubleStream doubles(String q) { return null; }
                    @LlmRetry public Iterator<String> iterator(String q) { return null; }
                    @LlmRetry public Flow.Publisher<String> publisher(String q) { return null; }
                    @LlmRetry public List<String> list(String q) { return null; }
                }
                """);
        assertThat(c).succeededWithoutWarnings();
    }
}
