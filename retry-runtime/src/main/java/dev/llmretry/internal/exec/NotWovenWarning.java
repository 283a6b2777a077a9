package dev.llmretry.internal.exec;

import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmCircuitBreaker;
import dev.llmretry.annotation.LlmRetry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Warns once per process, naming each class, when a class that carries llm-retry annotations was not woven: its
 * methods would run with no retry, circuit breaker or failover, silently. retry-processor lists the annotated
 * classes of each module in {@value #INDEX}; a class is woven when ajc (at build time, or the agent at load time) gave
 * each advised method {@code m} its {@code m_aroundBody<n>} twin. Checked when the configuration is first loaded,
 * never on a call's path. Thread-safe.
 *
 * <pre>{@code
 * Map<String, List<String>> unwoven = NotWovenWarning.find(getClass().getClassLoader());   // class -> methods
 * }</pre>
 */
public final class NotWovenWarning {
    /** The index retry-processor writes into each module's class output. */
    public static final String INDEX = "META-INF/llm-retry/annotated-classes.txt";
    /** The aspectj-maven-plugin set-up to paste, as both this warning and the test harness show it. */
    public static final String COMPILE_TIME_WEAVING_PLUGIN =
            "  <plugin>\n"
            + "    <groupId>dev.aspectj</groupId><artifactId>aspectj-maven-plugin</artifactId><version>1.14.1</version>\n"
            + "    <dependencies><dependency><groupId>org.aspectj</groupId><artifactId>aspectjtools</artifactId>"
            + "<version>1.9.27</version></dependency></dependencies>\n"
            + "    <configuration><complianceLevel>17</complianceLevel></configuration>\n"
            + "    <executions><execution><id>weave-classes</id><phase>process-classes</phase>"
            + "<goals><goal>compile</goal></goals>\n"
            + "      <configuration>\n"
            + "        <forceAjcCompile>true</forceAjcCompile><sources/>\n"
            + "        <weaveDirectories><weaveDirectory>${project.build.outputDirectory}</weaveDirectory>"
            + "</weaveDirectories>\n"
            + "        <aspectLibraries><aspectLibrary><groupId>dev.llmretry</groupId>"
            + "<artifactId>retry-runtime</artifactId></aspectLibrary></aspectLibraries>\n"
            + "      </configuration></execution></executions>\n"
            + "  </plugin>\n";
    private static final NotWovenWarning PROCESS = new NotWovenWarning(
            message -> LoggerFactory.getLogger("dev.llmretry").warn(message));
    private static final List<Class<? extends Annotation>> ANNOTATIONS =
            List.of(LlmRetry.class, LlmCircuitBreaker.class, Failover.class);

    private final AtomicBoolean done = new AtomicBoolean();
    private final Consumer<String> warn;

    NotWovenWarning(Consumer<String> warn) {
        this.warn = warn;
    }

    /** The process-wide check: the first call looks and warns if need be; later calls return at once. */
    static void checkOnce() {
        PROCESS.check(contextLoader());
    }

    /** Looks once (later calls do nothing) and warns if an indexed class was not woven. */
    void check(ClassLoader loader) {
        if (!done.compareAndSet(false, true)) return;
        try {
            Map<String, List<String>> unwoven = find(loader);
            if (!unwoven.isEmpty()) warn.accept(message(unwoven));
        } catch (RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(NotWovenWarning.class).debug("Could not check the weaving", e);
        }
    }

    /**
     * The classes listed in every index {@code loader} sees that were not woven, each with its unprotected methods.
     * Classes that cannot be loaded (gone since an incremental build) are skipped.
     */
    public static Map<String, List<String>> find(ClassLoader loader) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : indexedClasses(loader)) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            List<String> methods = unprotectedMethods(type);
            if (!methods.isEmpty()) out.put(name, methods);
        }
        return out;
    }

    private static Set<String> indexedClasses(ClassLoader loader) {
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> files = loader.getResources(INDEX);
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                            .filter(l -> !l.isEmpty()).forEach(names::add);
                }
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(NotWovenWarning.class).debug("Could not read {}", INDEX, e);
        }
        return names;
    }

    /** Methods of {@code type} itself that an annotation asks to protect but that have no woven body. */
    static List<String> unprotectedMethods(Class<?> type) {
        Method[] declared = type.getDeclaredMethods();
        Set<String> wovenBodies = new TreeSet<>();
        for (Method m : declared) {
            int at = m.getName().indexOf("_aroundBody");
            if (at > 0) wovenBodies.add(m.getName().substring(0, at));
        }
        boolean onType = ANNOTATIONS.stream().anyMatch(type::isAnnotationPresent);
        List<String> out = new ArrayList<>();
        for (Method m : declared) {
            int mod = m.getModifiers();
            if (m.isSynthetic() || m.isBridge() || Modifier.isAbstract(mod) || m.getName().contains("$")) continue;
            boolean wanted = (onType && Modifier.isPublic(mod)) || ANNOTATIONS.stream().anyMatch(m::isAnnotationPresent);
            if (wanted && !wovenBodies.contains(m.getName())) {
                out.add(m.getName() + Stream.of(m.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")")));
            }
        }
        return out;
    }

    /** What the log says: the classes, then both fixes, ready to paste. */
    static String message(Map<String, List<String>> unwoven) {
        String classes = unwoven.entrySet().stream().map(e -> "  " + e.getKey() + ": " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("\n"));
        return (unwoven.size() == 1 ? "1 class carries llm-retry annotations but was"
                : unwoven.size() + " classes carry llm-retry annotations but were") + " not woven, so these methods run with no retry, circuit breaker or "
                + "failover at all (a @Failover method gets a null Endpoint):\n" + classes + "\n"
                + "Fix it with ONE of these set-ups (README, \"Wiring it into your build\"):\n\n"
                + "1. Compile-time weaving (recommended): in the pom of the module that contains the class, weave the "
                + "compiled classes with retry-runtime as aspect library\n"
                + COMPILE_TIME_WEAVING_PLUGIN + "\n"
                + "2. Load-time weaving: start the JVM with the AspectJ agent (retry-runtime ships META-INF/aop.xml)\n"
                + "  java -javaagent:/path/to/aspectjweaver-1.9.27.jar -jar your-app.jar\n"
                + "  (if you have your own META-INF/aop.xml, its <include within=...> must cover these classes)\n";
    }

    private static ClassLoader contextLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : NotWovenWarning.class.getClassLoader();
    }
}
