package dev.llmretry.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmRetry;
import dev.llmretry.testing.LlmRetryTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aspectj.lang.JoinPoint;
import org.aspectj.runtime.internal.AroundClosure;
import org.aspectj.runtime.reflect.Factory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A woven class calls retry-reactor's advices by their generated names, so every name of every woven ABI version must
 * stay on {@code ReactorAdvice} with its parameters and keep doing its job. v1 had one advice per type (Mono, Flux)
 * and position (none, first to third), then a guard (kept by {@code ReactorAdviceV1}); v2 has one per position up to
 * the sixth, each serving both types, then a guard. Called here as a woven class calls them, with a closure standing
 * in for the method body.
 */
@LlmRetryTest
class ReactorAdviceAbiTest {
    /** Every advice method ReactorAdvice had in ABI v1; {@code E} marks the injected endpoint. */
    static final List<String> V1 = List.of("$1$151d7533()", "$2$280bb51d(E)", "$3$d726f991(E)", "$4$83310fd9(E)",
            "$5$16b405ed()", "$6$76e0e623(E)", "$7$928154cb(E)", "$8$5c91805f(E)", "$9$81a1f5bf()");
    /** ABI v2: no Endpoint parameter, the first to sixth position, then the guard. */
    static final List<String> V2 = List.of("$1$bd5c3a67()", "$2$1e45b69(E)", "$3$9f24c3c5(E)", "$4$7f5a8525(E)",
            "$5$9846cb09(E)", "$6$c0a21ce1(E)", "$7$d4dbc44d(E)", "$8$5ae1242()");
    private static final Pattern ENTRY = Pattern.compile("\\$(\\d+)\\$(\\w+)\\((E?)\\)");

    @Test
    void everyV1AndV2Name_isAPublicMethodOfReactorAdvice_withItsParameters_andThereAreNoOthers() throws Exception {
        Set<String> listed = new TreeSet<>();
        List<String> all = new ArrayList<>(V1);
        all.addAll(V2);
        for (String entry : all) {
            Advice a = Advice.parse(entry);
            Method m = ReactorAdvice.class.getMethod(a.name(), a.parameters());
            assertEquals(Object.class, m.getReturnType(), entry);
            assertEquals(0, m.getModifiers() & Modifier.STATIC, entry + " is called on aspectOf()");
            listed.add(a.name());
        }
        Set<String> present = new TreeSet<>();
        for (Method m : ReactorAdvice.class.getMethods()) {
            if (m.getName().startsWith("ajc$around$") && !Modifier.isStatic(m.getModifiers())) present.add(m.getName());
        }
        assertEquals(listed, present, "an advice added or a pointcut edited: its name is new woven ABI; list it in a "
                + "new version");
    }

    @Test
    void everyV1Name_runsItsType_proceedingWithTheInjectedEndpointOrNothing() throws Throwable {
        for (String entry : V1) {
            Advice a = Advice.parse(entry);
            if (a.number() == 9) continue; // the guard: below
            runs(a, a.number() <= 4 ? Mono.class : Flux.class);
        }
    }

    @Test
    void everyV2Name_runsBothTypes_proceedingWithTheInjectedEndpointOrNothing() throws Throwable {
        for (String entry : V2) {
            Advice a = Advice.parse(entry);
            if (a.number() == 8) continue;
            runs(a, Mono.class);
            runs(a, Flux.class);
        }
    }

    @Test
    void theGuards_failTheCallBeforeTheBody_sayingWhatToChange() throws Exception {
        JoinPoint.StaticPart at = joinPoint(Mono.class, false);
        assertEquals("The Endpoint parameter of " + Service.class.getName() + "#monoFarRight is parameter 7, but the "
                + "llm-retry advice can pass the endpoint only in the first 6 parameters, so the method would not be "
                + "protected. Move it left, e.g. make it the first parameter.", refusal(V2.get(7), joinPoint("monoFarRight")));
        assertTrue(refusal(V1.get(8), at).endsWith("could pass the endpoint only in the first three parameters; "
                + "weave it again (the first six now), or move the Endpoint parameter left"));
    }

    private static String refusal(String entry, JoinPoint.StaticPart at) throws Exception {
        Advice a = Advice.parse(entry);
        Method m = ReactorAdvice.class.getMethod(a.name(), a.parameters());
        AroundClosure body = new AroundClosure(new Object[0]) {
            @Override
            public Object run(Object[] args) {
                throw new AssertionError(entry + " ran the body");
            }
        };
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> m.invoke(ReactorAdvice.aspectOf(), body, at));
        return assertInstanceOf(IllegalStateException.class, thrown.getCause(), entry).getMessage();
    }

    /** Calls advice {@code a} as a woven method returning {@code type} would, and subscribes to what comes back. */
    private static void runs(Advice a, Class<?> type) throws Throwable {
        String what = a.entry() + " (" + type.getSimpleName() + ")";
        List<Object[]> proceeded = new ArrayList<>();
        AroundClosure body = new AroundClosure(new Object[0]) {
            @Override
            public Object run(Object[] args) {
                proceeded.add(args);
                return type == Mono.class ? Mono.just("answer") : Flux.just("answer");
            }
        };
        Object[] arguments = a.injects() ? new Object[] {null, body, joinPoint(type, true)}
                : new Object[] {body, joinPoint(type, false)};

        Object result = ReactorAdvice.class.getMethod(a.name(), a.parameters()).invoke(ReactorAdvice.aspectOf(), arguments);

        assertEquals(0, proceeded.size(), what + ": nothing runs before a subscription");
        Flux<?> published = type == Mono.class ? assertInstanceOf(Mono.class, result, what).flux()
                : assertInstanceOf(Flux.class, result, what);
        List<?> items = published.collectList().block(Duration.ofSeconds(10));
        assertEquals(List.of("answer"), items, what);
        assertEquals(1, proceeded.size(), what);
        assertEquals(a.injects() ? 1 : 0, proceeded.get(0).length, what + ": proceeds with its bound argument only");
        if (a.injects()) assertEquals("iag", ((Endpoint) proceeded.get(0)[0]).name(), what);
    }

    private record Advice(String entry, int number, String name, boolean injects) {
        static Advice parse(String entry) {
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) throw new IllegalArgumentException(entry);
            return new Advice(entry, Integer.parseInt(m.group(1)),
                    "ajc$around$dev_llmretry_reactor_ReactorAdvice$" + m.group(1) + "$" + m.group(2), !m.group(3).isEmpty());
        }

        Class<?>[] parameters() {
            return injects ? new Class<?>[] {Endpoint.class, AroundClosure.class, JoinPoint.StaticPart.class}
                    : new Class<?>[] {AroundClosure.class, JoinPoint.StaticPart.class};
        }
    }

    /** The join point of {@link Service}'s method of that type, as a woven class's static initializer makes it. */
    private static JoinPoint.StaticPart joinPoint(Class<?> type, boolean injects) {
        return joinPoint(type.getSimpleName().toLowerCase() + (injects ? "Injected" : ""));
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

    /** The methods the join points name; never called (the closure stands in for their bodies). */
    static class Service {
        @LlmRetry(maxAttempts = 1) public Mono<String> mono() { return Mono.empty(); }
        @Failover(endpoints = {"iag", "oneapi"}) public Mono<String> monoInjected(Endpoint endpoint) { return Mono.empty(); }
        @LlmRetry(maxAttempts = 1) public Flux<String> flux() { return Flux.empty(); }
        @Failover(endpoints = {"iag", "oneapi"}) public Flux<String> fluxInjected(Endpoint endpoint) { return Flux.empty(); }
        @Failover(endpoints = {"iag", "oneapi"})
        public Mono<String> monoFarRight(int a, int b, int c, int d, int e, int f, Endpoint endpoint) {
            return Mono.empty();
        }
    }
}
