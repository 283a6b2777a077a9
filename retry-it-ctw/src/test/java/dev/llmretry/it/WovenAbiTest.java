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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The woven ABI: what a compile-time-woven user class calls in the library. {@code abi/woven-abi-v1.jar} and
 * {@code abi/woven-abi-v2.jar} each hold a class woven by the build that defined that version (sources:
 * {@code abi/AbiV<n>Service.java.txt}); a user's jar woven with version N must run on N+1, so these frozen binaries
 * must keep running against every later runtime, and the set of library members each calls must stay the documented
 * one (docs/architecture.md, "The woven ABI"). v2 collapsed the shaped advices (one per position for every result
 * shape); the v1 names live on in {@code ShapedAdviceV1}, whose every name {@code AdviceAbiTest} calls.
 */
@LlmRetryTest
class WovenAbiTest {
    private static final URL JAR = WovenAbiTest.class.getResource("/abi/woven-abi-v1.jar");
    private static final URL JAR_V2 = WovenAbiTest.class.getResource("/abi/woven-abi-v2.jar");

    /** The members both versions' woven classes call: the executor (the sync advice is inlined), aspectOf, Endpoint. */
    private static final List<String> SYNC = List.of(
            "dev/llmretry/Endpoint.name:()Ljava/lang/String;",
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

    /** What ABI v1 consists of, as javap names it; changing any of these breaks every woven user jar. */
    static final List<String> ABI_V1 = concat(SYNC,
            "dev/llmretry/aspect/ShapedAdvice.ajc$around$dev_llmretry_aspect_ShapedAdvice$11$577109d4:(Ldev/llmretry/Endpoint;Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;",
            "dev/llmretry/aspect/ShapedAdvice.ajc$around$dev_llmretry_aspect_ShapedAdvice$3$7b048866:(Ldev/llmretry/Endpoint;Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;");

    /**
     * What ABI v2 consists of as AbiV2Service uses it: v1's executor members, the collapsed shaped advices, and the
     * inlined guard against an Endpoint parameter past the sixth.
     */
    static final List<String> ABI_V2 = concat(SYNC,
            "dev/llmretry/internal/exec/MethodPlan.endpointTooFar:(Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/IllegalStateException;",
            "dev/llmretry/aspect/ShapedAdvice.ajc$around$dev_llmretry_aspect_ShapedAdvice$2$6dc67533:(Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;",
            "dev/llmretry/aspect/ShapedAdvice.ajc$around$dev_llmretry_aspect_ShapedAdvice$3$54c2b51d:(Ldev/llmretry/Endpoint;Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;",
            "dev/llmretry/aspect/ShapedAdvice.ajc$around$dev_llmretry_aspect_ShapedAdvice$4$700ff991:(Ldev/llmretry/Endpoint;Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;",
            "dev/llmretry/aspect/ShapedAdvice.ajc$around$dev_llmretry_aspect_ShapedAdvice$5$a0a80fd9:(Ldev/llmretry/Endpoint;Lorg/aspectj/runtime/internal/AroundClosure;Lorg/aspectj/lang/JoinPoint$StaticPart;)Ljava/lang/Object;");

    @Test
    void classWovenWithAbiV1_runsOnThisRuntime_syncAsyncAndStream(VirtualClock clock) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {JAR}, getClass().getClassLoader())) {
            Class<?> type = loader.loadClass("com.acme.abi.AbiV1Service");
            runsSyncAsyncAndStream(type, clock);
        }
    }

    @Test
    void classWovenWithAbiV1_callsExactlyTheDocumentedMembers(@TempDir Path dir) throws Exception {
        assertEquals(new TreeSet<>(ABI_V1), members(JAR, dir));
    }

    @Test
    void classWovenWithAbiV2_runsOnThisRuntime_syncAsyncStreamIteratorAndPublisher(VirtualClock clock) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {JAR_V2}, getClass().getClassLoader())) {
            Class<?> type = loader.loadClass("com.acme.abi.AbiV2Service");
            Object service = runsSyncAsyncAndStream(type, clock);
            Iterator<?> words = (Iterator<?>) method(type, "chatIterator").invoke(service, "i", "terse", null);
            List<Object> read = new ArrayList<>();
            words.forEachRemaining(read::add);
            assertEquals(List.of("terse", "answer", "from", "oneapi", "to", "i"), read, "Endpoint third, after two");
            Flow.Publisher<?> published = (Flow.Publisher<?>) method(type, "plainPublisher").invoke(service, "p");
            List<Object> items = new ArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            published.subscribe(new Flow.Subscriber<Object>() {
                @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
                @Override public void onNext(Object item) { items.add(item); }
                @Override public void onError(Throwable t) { done.completeExceptionally(t); }
                @Override public void onComplete() { done.complete(null); }
            });
            clock.runUntil(done::isDone);
            done.join();
            assertEquals(List.of("published p"), items);
            var refused = org.junit.jupiter.api.Assertions.assertThrows(java.lang.reflect.InvocationTargetException.class,
                    () -> method(type, "farRight").invoke(service, 1, 2, 3, 4, 5, 6, null));
            assertEquals("The Endpoint parameter of com.acme.abi.AbiV2Service#farRight is parameter 7, but the llm-retry "
                    + "advice can pass the endpoint only in the first 6 parameters, so the method would not be protected. "
                    + "Move it left, e.g. make it the first parameter.", refused.getCause().getMessage());
        }
    }

    @Test
    void classWovenWithAbiV2_callsExactlyTheDocumentedMembers(@TempDir Path dir) throws Exception {
        assertEquals(new TreeSet<>(ABI_V2), members(JAR_V2, dir));
    }

    /** The calls both versions' classes have; returns the service they ran on. */
    private static Object runsSyncAsyncAndStream(Class<?> type, VirtualClock clock) throws Exception {
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
        return service;
    }

    /** The library members the classes in {@code jar} call, field or method, as javap names them. */
    private static TreeSet<String> members(URL jarUrl, Path dir) throws Exception {
        Path jar = dir.resolve("woven.jar");
        try (var in = jarUrl.openStream()) {
            Files.copy(in, jar);
        }
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-c", "-p", "-cp", jar.toString()));
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            file.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - 6).replace('/', '.')).forEach(args::add);
        }
        int rc = javap.run(new PrintWriter(out, true), new PrintWriter(System.err, true), args.toArray(String[]::new));
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
