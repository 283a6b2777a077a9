package dev.llmretry.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.testing.LlmRetryTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * retry-reactor's woven ABI, with real woven classes: {@code abi/reactor-woven-abi-v1.jar} was woven by retry-reactor
 * as it was before its advices were collapsed (ffa4190; source {@code abi/ReactorAbiV1Service.java.txt}), and
 * {@code abi/reactor-woven-abi-v2.jar} by this version. Each must keep running on every later runtime, and call
 * exactly the documented members (docs/architecture.md, "The woven ABI"). Note that a class with Mono or Flux
 * methods also calls the core's {@code ShapedAdvice}: the {@code if()} test that lets its unsupported-result guard
 * step aside for this module, and that guard (by its name in v1; inlined since v2, calling
 * {@code MethodPlan.unsupportedResult}).
 */
@LlmRetryTest
class ReactorWovenAbiTest {
    private static final URL V1 = ReactorWovenAbiTest.class.getResource("/abi/reactor-woven-abi-v1.jar");
    private static final URL V2 = ReactorWovenAbiTest.class.getResource("/abi/reactor-woven-abi-v2.jar");
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What both versions' classes call: the injected Endpoint, and the core's unsupported-result test. */
    private static final List<String> SHARED = List.of(
            "dev/llmretry/Endpoint.name:()Ljava/lang/String;",
            "dev/llmretry/aspect/ShapedAdvice.ajc$if$66ba40bd:()Z",
            "dev/llmretry/aspect/ShapedAdvice.aspectOf:()Ldev/llmretry/aspect/ShapedAdvice;",
            "dev/llmretry/reactor/ReactorAdvice.aspectOf:()Ldev/llmretry/reactor/ReactorAdvice;");

    /** v1: an advice per type and position, and the core's unsupported-result advice, called by name. */
    static final List<String> REACTOR_ABI_V1 = concat(SHARED,
            "dev/llmretry/aspect/ShapedAdvice.ajc$around$dev_llmretry_aspect_ShapedAdvice$1$e1e66df6:(Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;",
            "dev/llmretry/reactor/ReactorAdvice.ajc$around$dev_llmretry_reactor_ReactorAdvice$1$151d7533:(Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;",
            "dev/llmretry/reactor/ReactorAdvice.ajc$around$dev_llmretry_reactor_ReactorAdvice$2$280bb51d:(Ldev/llmretry/Endpoint;Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;",
            "dev/llmretry/reactor/ReactorAdvice.ajc$around$dev_llmretry_reactor_ReactorAdvice$8$5c91805f:(Ldev/llmretry/Endpoint;Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;",
            "dev/llmretry/reactor/ReactorAdvice.ajc$around$dev_llmretry_reactor_ReactorAdvice$9$81a1f5bf:(Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;");

    /**
     * v2: the collapsed advices; the guards (past the sixth position, and the core's against a result type it cannot
     * follow) are inlined, so the class calls the runtime for their sentences.
     */
    static final List<String> REACTOR_ABI_V2 = concat(SHARED,
            "dev/llmretry/internal/exec/MethodPlan.endpointTooFar:(Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/IllegalStateException;",
            "dev/llmretry/internal/exec/MethodPlan.unsupportedResult:(Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/UnsupportedOperationException;",
            "dev/llmretry/reactor/ReactorAdvice.ajc$around$dev_llmretry_reactor_ReactorAdvice$1$bd5c3a67:(Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;",
            "dev/llmretry/reactor/ReactorAdvice.ajc$around$dev_llmretry_reactor_ReactorAdvice$2$1e45b69:(Ldev/llmretry/Endpoint;Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;",
            "dev/llmretry/reactor/ReactorAdvice.ajc$around$dev_llmretry_reactor_ReactorAdvice$4$7f5a8525:(Ldev/llmretry/Endpoint;Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;",
            "dev/llmretry/reactor/ReactorAdvice.ajc$around$dev_llmretry_reactor_ReactorAdvice$6$c0a21ce1:(Ldev/llmretry/Endpoint;Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;");

    @Test
    void classWovenWithReactorAbiV1_runsOnThisRuntime_monoFluxAndItsOwnGuard() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {V1}, getClass().getClassLoader())) {
            Class<?> type = loader.loadClass("com.acme.abi.ReactorAbiV1Service");
            Object service = type.getConstructor().newInstance();
            List<String> calls = runsMonoAndFlux(type, service);

            InvocationTargetException refused = assertThrows(InvocationTargetException.class,
                    () -> method(type, "fourth").invoke(service, "a", "b", "c", null));
            IllegalStateException e = assertInstanceOf(IllegalStateException.class, refused.getCause());
            assertTrue(e.getMessage().contains("woven by an earlier retry-reactor"), e.getMessage());
            assertTrue(calls.stream().noneMatch(c -> c.startsWith("fourth")), "v1's guard runs no body");
        }
    }

    @Test
    void classWovenWithReactorAbiV1_callsExactlyTheDocumentedMembers(@TempDir Path dir) throws Exception {
        assertEquals(new TreeSet<>(REACTOR_ABI_V1), members(V1, dir));
    }

    @Test
    void classWovenWithReactorAbiV2_runsOnThisRuntime_monoFluxFifthPositionAndTheGuard() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {V2}, getClass().getClassLoader())) {
            Class<?> type = loader.loadClass("com.acme.abi.ReactorAbiV2Service");
            Object service = type.getConstructor().newInstance();
            List<String> calls = runsMonoAndFlux(type, service);

            Mono<?> fifth = (Mono<?>) method(type, "fifth").invoke(service, "a", "b", "c", "d", null);
            assertEquals("answer from oneapi to abcd", fifth.block(WAIT));
            InvocationTargetException refused = assertThrows(InvocationTargetException.class,
                    () -> method(type, "farRight").invoke(service, "a", "b", "c", "d", "e", "f", null));
            assertEquals("The Endpoint parameter of com.acme.abi.ReactorAbiV2Service#farRight is parameter 7, but the "
                    + "llm-retry advice can pass the endpoint only in the first 6 parameters, so the method would not be "
                    + "protected. Move it left, e.g. make it the first parameter.",
                    assertInstanceOf(IllegalStateException.class, refused.getCause()).getMessage());
            assertTrue(calls.stream().noneMatch(c -> c.startsWith("farRight")), "the guard runs no body");
        }
    }

    @Test
    void classWovenWithReactorAbiV2_callsExactlyTheDocumentedMembers(@TempDir Path dir) throws Exception {
        assertEquals(new TreeSet<>(REACTOR_ABI_V2), members(V2, dir));
    }

    /** The calls both versions' classes have; returns the record of what ran. */
    private static List<String> runsMonoAndFlux(Class<?> type, Object service) throws Exception {
        @SuppressWarnings("unchecked")
        List<String> calls = (List<String>) type.getField("calls").get(service);
        Mono<?> answer = (Mono<?>) method(type, "ask").invoke(service, null, "q");
        assertEquals(List.of(), calls, "nothing runs before a subscription");
        assertEquals("answer from oneapi to q", answer.block(WAIT));
        assertEquals(List.of("iag", "oneapi"), calls, "the Endpoint was injected and the call failed over");
        Flux<?> tokens = (Flux<?>) method(type, "tokens").invoke(service, "t", "terse", null);
        assertEquals(List.of("terse", "answer", "from", "oneapi", "to", "t"), tokens.collectList().block(WAIT),
                "Endpoint third, after two");
        assertEquals("plain p", ((Mono<?>) method(type, "plain").invoke(service, "p")).block(WAIT));
        return calls;
    }

    /** The library members the classes in {@code jarUrl} call, field or method, as javap names them. */
    private static TreeSet<String> members(URL jarUrl, Path dir) throws Exception {
        Path jar = dir.resolve("woven.jar");
        try (var in = jarUrl.openStream()) {
            Files.copy(in, jar);
        }
        List<String> args = new ArrayList<>(List.of("-c", "-p", "-cp", jar.toString()));
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - 6).replace('/', '.')).forEach(args::add);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = ToolProvider.findFirst("javap").orElseThrow()
                .run(new PrintWriter(out, true), new PrintWriter(System.err, true), args.toArray(String[]::new));
        assertEquals(0, rc);
        TreeSet<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("(?:Method|InterfaceMethod|Field) (dev/llmretry/\\S+)").matcher(out.toString());
        while (m.find()) used.add(m.group(1));
        return used;
    }

    private static List<String> concat(List<String> shared, String... more) {
        List<String> all = new ArrayList<>(shared);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    private static Method method(Class<?> type, String name) {
        return Stream.of(type.getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }
}
