package dev.llmretry.processor;

import static dev.llmretry.processor.Compile.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.llmretry.LlmCall;
import dev.llmretry.LlmResilience;
import dev.llmretry.annotation.LlmRetry;
import dev.llmretry.config.LlmRetryConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiler and the runtime say the same sentence about the same mistake: the processor's diagnostic and the
 * exception of {@code LlmCall.build()} (retry-runtime, on this test's class path) end alike after naming the call.
 * For a value out of range, only the key's name follows the source: {@code maxAttempts} on an annotation (compiled,
 * or read by reflection), {@code max-attempts} in retry.yaml and for {@code LlmCall}.
 */
class SameWordsTest {
    private static final String YAML = """
            retry:
              fast: { max-attempts: 2 }
            endpoints:
              iag: { url: "https://iag.example/v1" }
              oneapi: { url: "https://oneapi.example/v1" }
            """;

    @TempDir
    Path dir;

    @AfterEach
    void restoreTheRuntimesConfig() {
        LlmResilience.reload();
    }

    /** The only error of compiling {@code annotations} on a method, without its {@code [LLMR-xxx] @Annotation: }. */
    private String compilerSays(String annotations, String yamlSource) throws IOException {
        Compilation c = Compile.compile(List.of(source("Chat", "public class Chat {\n    " + annotations
                + "\n    public String ask(String q, Endpoint e) { return q; }\n}\n")), "-A" + RetryYaml.OPTION + "="
                + Files.writeString(Path.of(yamlSource), YAML));
        assertEquals(1, c.errors().size(), c.errors().toString());
        String message = c.errors().get(0).getMessage(Locale.ROOT);
        return message.substring(message.indexOf(": ") + 2);
    }

    private static String runtimeSays(LlmCall.Builder call, String yamlSource) {
        LlmResilience.useConfig(yamlSource, YAML);
        return assertThrows(LlmRetryConfigException.class, call::build).getMessage();
    }

    @Test
    void misspeltEndpoint_compilerAndRuntime_saySameSentence() throws IOException {
        String yaml = dir.resolve("retry.yaml").toString();
        String compiler = compilerSays("@Failover(endpoints = {\"iag\", \"onapi\"})", yaml);
        String runtime = runtimeSays(LlmCall.builder("acme.chat").failover("iag", "onapi"), yaml);
        assertTrue(compiler.startsWith(yaml + ": no endpoint named 'onapi', did you mean 'oneapi'?"), compiler);
        assertTrue(runtime.endsWith("LlmCall \"acme.chat\": " + compiler), runtime + "\n" + compiler);
    }

    @Test
    void misspeltRetryPolicy_compilerAndRuntime_saySameSentence() throws IOException {
        String yaml = dir.resolve("retry.yaml").toString();
        String compiler = compilerSays("@LlmRetry(policy = \"fats\")", yaml);
        String runtime = runtimeSays(LlmCall.builder("acme.chat").retry("fats"), yaml);
        assertTrue(compiler.startsWith(yaml + ": no retry policy named 'fats', did you mean 'fast'?"), compiler);
        assertTrue(runtime.endsWith("LlmCall \"acme.chat\": " + compiler), runtime + "\n" + compiler);
    }

    /** What this module's tests compile is not processed by retry-processor: the runtime reads it by reflection. */
    static class ZeroAttempts {
        @LlmRetry(maxAttempts = 0)
        public String ask(String q) {
            return q;
        }
    }

    @Test
    void maxAttemptsZero_compilerAnnotationsBuilderAndYaml_saySameSentence() throws IOException {
        String yaml = dir.resolve("retry.yaml").toString();
        String rule = " was 0, must be >= 1. Use 1 for a single attempt.";
        String compiler = compilerSays("@LlmRetry(maxAttempts = 0)", yaml);
        assertEquals("maxAttempts" + rule, compiler);

        LlmResilience.useConfig(yaml, YAML);
        String annotations = assertThrows(LlmRetryConfigException.class,
                () -> LlmResilience.validate(ZeroAttempts.class)).getMessage();
        assertTrue(annotations.endsWith("@LlmRetry on " + ZeroAttempts.class.getName() + "#ask: " + compiler), annotations);

        String builder = runtimeSays(LlmCall.builder("acme.chat").maxAttempts(0), yaml);
        assertEquals("LlmCall \"acme.chat\": max-attempts" + rule, builder);

        String file = assertThrows(LlmRetryConfigException.class,
                () -> LlmResilience.useConfig(yaml, "retry:\n  default: { max-attempts: 0 }\n")).getMessage();
        assertEquals(yaml + ": retry.default.max-attempts" + rule, file);
    }

    /** Compiled without the processor here: what a woven guard refuses at run time. */
    static class Results {
        @LlmRetry
        public java.util.ListIterator<String> chunks(String q) {
            return null;
        }

        @LlmRetry
        public java.util.concurrent.SubmissionPublisher<String> publisher(String q) {
            return null;
        }
    }

    /** The woven guard's refusal of {@code method} of {@link Results}, as a woven class gets it. */
    private static String guardSays(String method) throws NoSuchMethodException {
        java.lang.reflect.Method m = Results.class.getMethod(method, String.class);
        org.aspectj.runtime.reflect.Factory factory = new org.aspectj.runtime.reflect.Factory("Results.java", Results.class);
        org.aspectj.lang.JoinPoint.StaticPart at = factory.makeSJP(org.aspectj.lang.JoinPoint.METHOD_EXECUTION,
                factory.makeMethodSig(java.lang.reflect.Modifier.PUBLIC, method, Results.class, m.getParameterTypes(),
                        new String[] {"q"}, new Class<?>[0], m.getReturnType()), 1);
        return dev.llmretry.internal.exec.MethodPlan.unsupportedResult(at).getMessage();
    }

    @Test
    void unsupportedResultType_compilerAndWovenGuard_saySameSentence() throws Exception {
        for (String[] c : new String[][] {{"chunks", "ListIterator<String>"}, {"publisher", "SubmissionPublisher<String>"}}) {
            Compilation compiled = Compile.compile(List.of(source("Chat", "public class Chat {\n    @LlmRetry public "
                    + c[1] + " " + c[0] + "(String q) { return null; }\n}\n")));
            assertEquals(1, compiled.errors().size(), compiled.errors().toString());
            String compiler = compiled.errors().get(0).getMessage(Locale.ROOT);
            String prefix = "[LLMR-017] test.Chat#" + c[0] + " returns ";
            assertTrue(compiler.startsWith(prefix), compiler);
            String runtime = guardSays(c[0]);
            assertEquals(Results.class.getName() + "#" + c[0] + " returns " + compiler.substring(prefix.length()),
                    runtime);
        }
    }
}
