package dev.llmretry.aspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmRetry;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.aspectj.lang.JoinPoint;
import org.aspectj.runtime.internal.AroundClosure;
import org.aspectj.runtime.reflect.Factory;
import org.junit.jupiter.api.Test;

/**
 * A woven class calls the shaped advices by their generated names, so every name of every woven ABI version must stay
 * on {@code ShapedAdvice} with its parameters and keep running its shape. v1 had 28 (one per result shape and position
 * of the {@code Endpoint} parameter, kept by {@code ShapedAdviceV1}); v2 has 7, one per position, each serving every
 * shape. Called here as a woven class calls them, with a closure standing in for the method body;
 * {@code WovenAbiTest} (retry-it-ctw) runs classes actually woven with v1 and v2.
 */
class AdviceAbiTest {
    /** Every advice method ShapedAdvice had in ABI v1, as javap printed it then; {@code E} marks the injected endpoint. */
    static final List<String> V1 = List.of(
            "$1$e1e66df6()", "$2$c69d1c8a()", "$3$7b048866(E)", "$4$5ddd60a8(E)", "$5$3779f262(E)", "$6$26b9ffac(E)",
            "$7$8ce61a5e(E)", "$8$a11240b0(E)", "$9$c008b2b6()", "$10$1f260aba(E)", "$11$577109d4(E)",
            "$12$3bd1edb6(E)", "$13$1ad38fd8(E)", "$14$c93fceb2(E)", "$15$72de77dc(E)", "$16$81de5c88()",
            "$17$f4779ba8(E)", "$18$2dfa5426(E)", "$19$26bec024(E)", "$20$ae44a8aa(E)", "$21$bb57c2a0(E)",
            "$22$36bb7f2e(E)", "$23$c4dd90a()", "$24$21ad7be6(E)", "$25$a0b83d28(E)", "$26$73945e2(E)",
            "$27$a5827c2c(E)", "$28$b933cdde(E)", "$29$bd505d30(E)");
    /**
     * Every advice method ShapedAdvice has in ABI v2: the same first advice (an unsupported result), one per position,
     * then the guard against an Endpoint parameter past the sixth.
     */
    static final List<String> V2 = List.of("$1$e1e66df6()", "$2$6dc67533()", "$3$54c2b51d(E)", "$4$700ff991(E)",
            "$5$a0a80fd9(E)", "$6$fcc2fd5(E)", "$7$4b701895(E)", "$8$37221819(E)", "$9$9a9625f6()");
    private static final Pattern ENTRY = Pattern.compile("\\$(\\d+)\\$(\\w+)\\((E?)\\)");
    /** The v1 order: the unsupported-result advice, then 7 positions each of async, stream, iterator, publisher. */
    private static final List<String> KINDS = List.of("future", "stream", "iterator", "publisher");

    @Test
    void everyV1AndV2Name_isAPublicMethodOfShapedAdvice_withItsParameters_andThereAreNoOthers() throws Exception {
        java.util.Set<String> listed = new java.util.TreeSet<>();
        for (String entry : concat(V1, V2)) {
            Advice a = Advice.parse(entry);
            Method m = ShapedAdvice.class.getMethod(a.name(), a.parameters());
            assertEquals(Object.class, m.getReturnType(), entry);
            assertEquals(0, m.getModifiers() & Modifier.STATIC, entry + " is called on aspectOf()");
            listed.add(a.name());
        }
        java.util.Set<String> present = new java.util.TreeSet<>();
        for (Method m : ShapedAdvice.class.getMethods()) {
            if (m.getName().startsWith("ajc$around$") && !Modifier.isStatic(m.getModifiers())) present.add(m.getName());
        }
        assertEquals(listed, present, "an advice added or a pointcut edited: its name is new woven ABI; list it in "
                + "a new version (and freeze a jar for it, see WovenAbiTest)");
    }

    /**
     * SyncAdvice's names (unchanged since v1): a woven class calls one by name when ajc cannot inline it (the guard
     * for an Endpoint parameter past the sixth, always), and a Mono or Flux method calls ShapedAdvice's {@code if()}
     * test, which lets the unsupported-result advice step aside for retry-reactor.
     */
    static final List<String> SYNC = List.of("$1$c96af87b()", "$2$64d59cd5(E)", "$3$98a1fed9(E)", "$4$7cc4fd91(E)",
            "$5$1c406f1d(E)", "$6$42168c4d(E)", "$7$45491161(E)", "$8$ce0e29ae()");

    @Test
    void syncAdviceNames_andShapedAdvicesIfTest_stayAsWoven_andThereAreNoOthers() throws Exception {
        java.util.Set<String> listed = new java.util.TreeSet<>();
        for (String entry : SYNC) {
            Matcher m = ENTRY.matcher(entry);
            assertTrue(m.matches(), entry);
            String name = "ajc$around$dev_llmretry_aspect_SyncAdvice$" + m.group(1) + "$" + m.group(2);
            Class<?>[] parameters = m.group(3).isEmpty()
                    ? new Class<?>[] {AroundClosure.class, JoinPoint.StaticPart.class}
                    : new Class<?>[] {Endpoint.class, AroundClosure.class, JoinPoint.StaticPart.class};
            assertEquals(Object.class, SyncAdvice.class.getMethod(name, parameters).getReturnType(), entry);
            listed.add(name);
        }
        java.util.Set<String> present = new java.util.TreeSet<>();
        for (Method m : SyncAdvice.class.getMethods()) {
            if (m.getName().startsWith("ajc$around$") && !Modifier.isStatic(m.getModifiers())) present.add(m.getName());
        }
        assertEquals(listed, present);

        Method ifTest = ShapedAdvice.class.getMethod("ajc$if$66ba40bd");
        assertTrue(Modifier.isStatic(ifTest.getModifiers()) && ifTest.getReturnType() == boolean.class);
        assertEquals(UnsupportedResult.REACTOR_ADVICE_PRESENT, ifTest.invoke(null));
        assertEquals(List.of("ajc$if$66ba40bd"), java.util.Arrays.stream(ShapedAdvice.class.getMethods())
                .map(Method::getName).filter(n -> n.startsWith("ajc$if$")).toList());
    }

    @Test
    void everyV1ShapedName_runsItsShape_proceedingWithTheInjectedEndpointOrNothing() throws Throwable {
        try (LlmRuntime.Installation run = install()) {
            for (String entry : V1) {
                Advice a = Advice.parse(entry);
                if (a.number() == 1) continue; // the unsupported-result advice is still ShapedAdvice's own first advice
                runs(a, KINDS.get((a.number() - 2) / 7));
            }
        }
    }

    @Test
    void everyV2ShapedName_runsEveryShape_proceedingWithTheInjectedEndpointOrNothing() throws Throwable {
        try (LlmRuntime.Installation run = install()) {
            for (String entry : V2) {
                Advice a = Advice.parse(entry);
                if (a.number() == 1 || a.number() == 9) continue; // the guards: below
                for (String kind : KINDS) runs(a, kind);
            }
        }
    }

    @Test
    void theGuards_failTheCallBeforeTheBody_sayingWhatToChange() throws Exception {
        String service = Service.class.getName();
        assertEquals(service + "#listIterator returns java.util.ListIterator, a subtype of Iterator that llm-retry "
                + "cannot return: the result it hands back is an Iterator of its own, so the call would fail with a "
                + "ClassCastException after the request was sent. Declare the result as Iterator.",
                refusal(V2.get(0), joinPoint("listIterator"), UnsupportedOperationException.class),
                "the sentence of LLMR-017");
        assertEquals(service + "#future returns java.util.concurrent.CompletableFuture, which this version of llm-retry "
                + "protects, but the class was woven with a guard against it by another version. Weave the class again.",
                refusal(V2.get(0), joinPoint("future", false), UnsupportedOperationException.class));
        assertEquals("The Endpoint parameter of " + Service.class.getName() + "#futureFarRight is parameter 7, but the "
                + "llm-retry advice can pass the endpoint only in the first 6 parameters, so the method would not be "
                + "protected. Move it left, e.g. make it the first parameter.",
                refusal(V2.get(8), joinPoint("futureFarRight"), IllegalStateException.class));
    }

    private static String refusal(String entry, JoinPoint.StaticPart at, Class<? extends RuntimeException> type)
            throws Exception {
        Advice a = Advice.parse(entry);
        Method m = ShapedAdvice.class.getMethod(a.name(), a.parameters());
        AroundClosure body = new AroundClosure(new Object[0]) {
            @Override
            public Object run(Object[] args) {
                throw new AssertionError(entry + " ran the body");
            }
        };
        var thrown = assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> m.invoke(ShapedAdvice.aspectOf(), body, at));
        return assertInstanceOf(type, thrown.getCause(), entry).getMessage();
    }

    private static LlmRuntime.Installation install() {
        String yaml = "endpoints: { iag: { url: \"https://iag.example\" }, oneapi: { url: \"https://oneapi.example\" } }\n";
        LlmRuntime runtime = LlmRuntime.get();
        return runtime.install(runtime.time(), RandomSource.seeded(1), ConfigLoader.parse("test retry.yaml", yaml, v -> null));
    }

    /** Calls advice {@code a} as a woven method of shape {@code kind} would, and checks what the caller gets. */
    private static void runs(Advice a, String kind) throws Throwable {
        String what = a.entry() + " (" + kind + ")";
        List<Object[]> proceeded = new ArrayList<>();
        AroundClosure body = new AroundClosure(new Object[0]) {
            @Override
            public Object run(Object[] args) {
                proceeded.add(args);
                return answer(kind);
            }
        };
        Object[] arguments = a.injects() ? new Object[] {null, body, joinPoint(kind, true)}
                : new Object[] {body, joinPoint(kind, false)};
        Method m = ShapedAdvice.class.getMethod(a.name(), a.parameters());

        Object result = m.invoke(ShapedAdvice.aspectOf(), arguments);

        assertEquals(List.of("answer"), drain(kind, result), what);
        assertEquals(1, proceeded.size(), what);
        assertEquals(a.injects() ? 1 : 0, proceeded.get(0).length, what + ": proceeds with its bound argument only");
        if (a.injects()) assertEquals("iag", ((Endpoint) proceeded.get(0)[0]).name(), what);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private record Advice(String entry, int number, String name, boolean injects) {
        static Advice parse(String entry) {
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) throw new IllegalArgumentException(entry);
            return new Advice(entry, Integer.parseInt(m.group(1)),
                    "ajc$around$dev_llmretry_aspect_ShapedAdvice$" + m.group(1) + "$" + m.group(2), !m.group(3).isEmpty());
        }

        Class<?>[] parameters() {
            return injects ? new Class<?>[] {Endpoint.class, AroundClosure.class, JoinPoint.StaticPart.class}
                    : new Class<?>[] {AroundClosure.class, JoinPoint.StaticPart.class};
        }
    }

    /** The join point of {@link Service}'s method of that shape, as a woven class's static initializer makes it. */
    private static JoinPoint.StaticPart joinPoint(String kind, boolean injects) throws NoSuchMethodException {
        return joinPoint(kind + (injects ? "Injected" : ""));
    }

    private static JoinPoint.StaticPart joinPoint(String name) {
        Method method = Arrays.stream(Service.class.getDeclaredMethods()).filter(m -> m.getName().equals(name))
                .findFirst().orElseThrow();
        Factory factory = new Factory("Service.java", Service.class);
        String[] names = Arrays.stream(method.getParameters()).map(java.lang.reflect.Parameter::getName)
                .toArray(String[]::new);
        return factory.makeSJP(JoinPoint.METHOD_EXECUTION, factory.makeMethodSig(Modifier.PUBLIC, name, Service.class,
                method.getParameterTypes(), names, new Class<?>[0], method.getReturnType()), 1);
    }

    private static Object answer(String kind) {
        return switch (kind) {
            case "future" -> CompletableFuture.completedFuture("answer");
            case "stream" -> Stream.of("answer");
            case "iterator" -> List.of("answer").iterator();
            default -> {
                SubmissionPublisher<String> p = new SubmissionPublisher<>(Runnable::run, 4);
                yield (Flow.Publisher<String>) subscriber -> {
                    p.subscribe(subscriber);
                    p.submit("answer");
                    p.close();
                };
            }
        };
    }

    private static List<Object> drain(String kind, Object result) throws Exception {
        switch (kind) {
            case "future":
                return List.of(assertInstanceOf(CompletableFuture.class, result).get(10, TimeUnit.SECONDS));
            case "stream":
                return assertInstanceOf(Stream.class, result).toList();
            case "iterator": {
                List<Object> out = new ArrayList<>();
                assertInstanceOf(Iterator.class, result).forEachRemaining(out::add);
                return out;
            }
            default: {
                List<Object> out = new CopyOnWriteArrayList<>();
                CompletableFuture<Void> done = new CompletableFuture<>();
                @SuppressWarnings("unchecked")
                Flow.Publisher<Object> publisher = assertInstanceOf(Flow.Publisher.class, result);
                publisher.subscribe(new Flow.Subscriber<>() {
                    @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
                    @Override public void onNext(Object item) { out.add(item); }
                    @Override public void onError(Throwable t) { done.completeExceptionally(t); }
                    @Override public void onComplete() { done.complete(null); }
                });
                done.get(10, TimeUnit.SECONDS);
                return out;
            }
        }
    }

    /** The methods the join points name; never run (the closure stands in for their bodies). */
    static class Service {
        @LlmRetry(maxAttempts = 1) public CompletableFuture<String> future() { return null; }
        @Failover(endpoints = {"iag", "oneapi"}) public CompletableFuture<String> futureInjected(Endpoint endpoint) { return null; }
        @LlmRetry(maxAttempts = 1) public Stream<String> stream() { return null; }
        @Failover(endpoints = {"iag", "oneapi"}) public Stream<String> streamInjected(Endpoint endpoint) { return null; }
        @LlmRetry(maxAttempts = 1) public Iterator<String> iterator() { return null; }
        @Failover(endpoints = {"iag", "oneapi"}) public Iterator<String> iteratorInjected(Endpoint endpoint) { return null; }
        @LlmRetry(maxAttempts = 1) public Flow.Publisher<String> publisher() { return null; }
        @LlmRetry(maxAttempts = 1) public java.util.ListIterator<String> listIterator() { return null; }
        @Failover(endpoints = {"iag", "oneapi"}) public Flow.Publisher<String> publisherInjected(Endpoint endpoint) { return null; }
        @Failover(endpoints = {"iag", "oneapi"})
        public CompletableFuture<String> futureFarRight(int a, int b, int c, int d, int e, int f, Endpoint endpoint) {
            return null;
        }
    }
}
