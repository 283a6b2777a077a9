package dev.llmretry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmretry.processor.Compile.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class FailoverChecksTest {

    @Test
    void noEndpoints_compiling_failsWithLlmr010() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @Failover(endpoints = {})
                    public String ask(String q, Endpoint ep) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorContaining("[LLMR-010] @Failover names no endpoints.")
                .inFile(file).onLineContaining("endpoints = {}");
    }

    @Test
    void duplicateEndpoint_compiling_failsWithLlmr011() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @Failover(endpoints = {"iag", "oneapi", "iag"})
                    public String ask(String q, Endpoint ep) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[LLMR-011] @Failover lists endpoint 'iag' more than once")
                .inFile(file).onLineContaining("@Failover");
    }

    @Test
    void noEndpointParameter_compiling_failsWithLlmr012() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @Failover(endpoints = {"iag", "oneapi"})
                    public String ask(String q) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorContaining("[LLMR-012] @Failover method ask declares no dev.llmretry.Endpoint parameter")
                .inFile(file).onLineContaining("@Failover");
    }

    @Test
    void twoEndpointParameters_compiling_failsWithLlmr012() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @Failover(endpoints = {"iag", "oneapi"})
                    public String ask(Endpoint a, String q, Endpoint b) { return q; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorContaining("[LLMR-012] @Failover method ask declares 2 Endpoint parameters. Keep exactly one.")
                .inFile(file).onLineContaining("@Failover");
    }

    @Test
    void failoverOnTypeWithPublicMethodLackingEndpoint_compiling_failsWithLlmr012OnThatMethod() {
        JavaFileObject file = source("Chat", """
                @Failover(endpoints = {"iag", "oneapi"})
                public class Chat {
                    public String ask(String q, Endpoint ep) { return q; }
                    public String summarize(String text) { return text; }
                    String helper(String text) { return text; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[LLMR-012] @Failover on test.Chat applies to its public method summarize, which "
                + "declares no dev.llmretry.Endpoint parameter").inFile(file).onLineContaining("summarize(String text)");
    }

    @Test
    void failoverInheritedFromSuperclass_compiling_failsWithLlmr012OnTheSubclassMethod() {
        JavaFileObject base = source("Base", """
                @Failover(endpoints = {"iag", "oneapi"})
                public abstract class Base {
                    public abstract String ask(String q, Endpoint ep);
                }
                """);
        JavaFileObject chat = source("Chat", """
                public class Chat extends Base {
                    @Override public String ask(String q, Endpoint ep) { return q; }
                    public String summarize(String text) { return text; }
                }
                """);
        Compilation c = Compile.compile(List.of(base, chat));
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[LLMR-012] @Failover on test.Chat applies to its public method summarize")
                .inFile(chat).onLineContaining("summarize(String text)");
    }

    @Test
    void endpointParameterSeventh_compiling_failsWithLlmr013OnTheParameter() {
        JavaFileObject file = source("Chat", """
                public class Chat {
                    @Failover(endpoints = {"iag", "oneapi"})
                    public String ask(int a, int b, int c, int d, int e, int f,
                                      Endpoint endpoint) { return ""; }
                }
                """);
        Compilation c = Compile.compile(List.of(file));
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[LLMR-013] The Endpoint parameter of test.Chat#ask is parameter 7, but the "
                + "llm-retry advice can pass the endpoint only in the first 6 parameters").inFile(file)
                .onLineContaining("Endpoint endpoint");
    }

    @Test
    void endpointParameterSixth_compiling_succeedsWithoutWarnings() {
        Compilation c = Compile.compile(List.of(source("Chat", """
                public class Chat {
                    @Failover(endpoints = {"iag", "oneapi"})
                    public String ask(int a, int b, int c, int d, int e, Endpoint endpoint) { return ""; }
                }
                """)));
        assertThat(c).succeededWithoutWarnings();
    }
}
