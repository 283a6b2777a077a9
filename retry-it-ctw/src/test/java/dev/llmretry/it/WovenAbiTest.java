package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmretry.Endpoint;
import dev.llmretry.testing.LlmRetryTest;
import dev.llmretry.testing.VirtualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The woven ABI: what a compile-time-woven user class calls in the library. {@code abi/woven-abi-v1.jar} holds a class
 * woven by the build that defined ABI v1 (its source: {@code abi/AbiV1Service.java.txt}); a user's jar woven with
 * version N must run on N+1, so this frozen binary must keep running against every later runtime, and the set of
 * library members it calls must stay the documented one (docs/architecture.md, "The woven ABI").
 */
@LlmRetryTest
class WovenAbiTest {
    private static final URL JAR = WovenAbiTest.class.getResource("/abi/woven-abi-v1.jar");

    /** What ABI v1 consists of, as javap names it; changing any of these breaks every woven user jar. */
    static final List<String> ABI_V1 = List.of(
            "dev/llmretry/Endpoint.name:()Ljava/lang/String;",
            "dev/llmretry/aspect/ShapedAdvice.ajc$around$dev_llmretry_aspect_ShapedAdvice$11$577109d4:(Ldev/llmretry/Endpoint;Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;",
            "dev/llmretry/aspect/ShapedAdvice.ajc$around$dev_llmretry_aspect_ShapedAdvice$3$7b048866:(Ldev/llmretry/Endpoint;Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;",
            "dev/llmretry/aspect/ShapedAdvice.aspectOf:()Ldev/llmretry/aspect/ShapedAdvice;",
            "dev/llmretry/aspect/SyncAdvice.aspectOf:()Ldev/llmretry/aspect/SyncAdvice;",
            "dev/llmretry/internal/exec/CallState.permit:()Ljava/lang/Object;",
            "dev/llmretry/internal/exec/MethodPlan.armTimer:()Ldev/llmretry/internal/exec/AttemptTimer;",
            "dev/llmretry/internal/exec/MethodPlan.ended:(Ldev/llmretry/internal/exec/AttemptTimer;Ljava/util/concurrent/atomic/AtomicLongArray;Ljava/lang/Object;)V",
            "dev/llmretry/internal/exec/MethodPlan.endpoint:(Ljava/lang/Object;)Ldev/llmretry/Endpoint;",
            "dev/llmretry/internal/exec/MethodPlan.enter:(J)Ljava/lang/Object;",
            "dev/llmretry/internal/exec/MethodPlan.failed:(Ldev/llmretry/internal/exec/CallState;Ljava/lang/Object;JJLdev/llmretry/internal/exec/AttemptTimer;Ljava/util/concurrent/atomic/AtomicLongArray;Ljava/lang/Throwable;)Ldev/llmretry/internal/exec/CallState;",
            "dev/llmretry/internal/exec/MethodPlan.inject:(Ljava/lang/Object;)V",
            "dev/llmretry/internal/exec/MethodPlan.of:(Lorg/aspectj/lang/JoinPoint$StaticPart;)Ldev/llmretry/internal/exec/MethodPlan;",
            "dev/llmretry/internal/exec/MethodPlan.start:()J",
            "dev/llmretry/internal/exec/MethodPlan.started:()J",
            "dev/llmretry/internal/exec/MethodPlan.succeeded:(Ldev/llmretry/internal/exec/CallState;Ljava/lang/Object;JJ)V",
            "dev/llmretry/internal/exec/MethodPlan.unwatch:(Ljava/util/concurrent/atomic/AtomicLongArray;)V",
            "dev/llmretry/internal/exec/MethodPlan.watch:(J)Ljava/util/concurrent/atomic/AtomicLongArray;");

    @Test
    void classWovenWithAbiV1_runsOnThisRuntime_syncAsyncAndStream(VirtualClock clock) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {JAR}, getClass().getClassLoader())) {
            Class<?> type = loader.loadClass("com.acme.abi.AbiV1Service");
            Object service = type.getConstructor().newInstance();
            @SuppressWarnings("unchecked")
            List<String> calls = (List<String>) type.getField("calls").get(service);

            assertEquals("answer from oneapi to q", method(type, "chat").invoke(service, "q", null));
            assertEquals(List.of("iag", "oneapi"), calls, "the Endpoint was injected and the call failed over");
            assertEquals("plain q", method(type, "plain").invoke(service, "q"));
            CompletableFuture<?> later = (CompletableFuture<?>) method(type, "chatAsync").invoke(service, null, "a");
            clock.runUntil(later::isDone);
            assertEquals("answer from oneapi to a", later.join());
            @SuppressWarnings("unchecked")
            Stream<String> tokens = (Stream<String>) method(type, "chatStream").invoke(service, "s", null);
            assertEquals(List.of("answer", "from", "oneapi", "to", "s"), tokens.toList());
        }
    }

    @Test
    void classWovenWithAbiV1_callsExactlyTheDocumentedMembers(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("v1.jar");
        try (var in = JAR.openStream()) {
            Files.copy(in, jar);
        }
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = javap.run(new PrintWriter(out, true), new PrintWriter(System.err, true), "-c", "-p", "-cp", jar.toString(),
                "com.acme.abi.AbiV1Service", "com.acme.abi.AbiV1Service$AjcClosure5", "com.acme.abi.AbiV1Service$AjcClosure7");
        assertEquals(0, rc);
        TreeSet<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("(?:Method|InterfaceMethod|Field) (dev/llmretry/\\S+)").matcher(out.toString());
        while (m.find()) used.add(m.group(1));
        assertEquals(new TreeSet<>(ABI_V1), used);
    }

    private static Method method(Class<?> type, String name) {
        return Stream.of(type.getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }
}
