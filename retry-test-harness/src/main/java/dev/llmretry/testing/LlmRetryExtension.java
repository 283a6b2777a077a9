package dev.llmretry.testing;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link LlmRetryTest}; register it yourself to configure it in code. Each test gets
 * a fresh runtime state, a new {@link VirtualClock}, a seeded random source, {@link Faults} and
 * {@link RecordedEvents}; all of it is removed after the test, even when the test fails. State lives in the
 * extension store, so one instance serves every test of the class.
 *
 * <pre>{@code
 * @ResourceLock(LlmRetryExtension.RUNTIME_LOCK)   // only needed when tests run in parallel
 * class QuotaTest {
 *     @RegisterExtension
 *     static LlmRetryExtension llm = LlmRetryExtension.builder().config("retry-test.yaml").seed(7).build();
 *
 *     @Test
 *     void quotaExhausted_failsOverAtOnce(Faults faults, RecordedEvents events) { ... }
 * }
 * }</pre>
 *
 * <p>Thread-safe: tests of the same class may share the instance. The runtime itself is process-global, so two
 * harness tests never run at the same time: {@code @LlmRetryTest} holds the {@value #RUNTIME_LOCK} resource lock,
 * and a registered extension without that lock waits for the runtime before each test.
 */
public final class LlmRetryExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** The JUnit resource lock naming the process-global llm-retry runtime. */
    public static final String RUNTIME_LOCK = "dev.llmretry.runtime";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LlmRetryExtension.class);
    private static final Set<Class<?>> INJECTABLE = Set.of(Faults.class, RecordedEvents.class, VirtualClock.class);

    private final HarnessSettings settings;

    /** The extension as {@code @LlmRetryTest} registers it: settings come from the annotation. */
    public LlmRetryExtension() {
        this(null);
    }

    private LlmRetryExtension(HarnessSettings settings) {
        this.settings = settings;
    }

    /** Configures an extension for {@code @RegisterExtension}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(TestRun.class) != null) {
            throw new ExtensionConfigurationException("llm-retry's harness is registered twice on "
                    + context.getDisplayName() + ": use either @LlmRetryTest or a @RegisterExtension "
                    + "LlmRetryExtension, not both");
        }
        HarnessSettings s = settings != null ? settings : HarnessSettings.of(findAnnotation(context));
        List<Object> instances = context.getRequiredTestInstances().getAllInstances();
        store.put(TestRun.class, TestRun.start(s, describe(context), instances));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestRun run = context.getStore(NAMESPACE).remove(TestRun.class, TestRun.class);
        if (run != null) run.finish(context.getExecutionException());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTABLE.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        TestRun run = context.getStore(NAMESPACE).get(TestRun.class, TestRun.class);
        if (run == null || parameter.getDeclaringExecutable() instanceof Constructor) {
            throw new ParameterResolutionException(type.getSimpleName() + " exists per test: declare it as a "
                    + "parameter of the test method or of a @BeforeEach/@AfterEach method, not of a constructor or "
                    + "@BeforeAll method");
        }
        if (type == Faults.class) return run.faults;
        if (type == RecordedEvents.class) return run.events;
        return run.clock;
    }

    private static LlmRetryTest findAnnotation(ExtensionContext context) {
        LlmRetryTest a = context.getTestMethod().map(m -> find(m)).orElse(null);
        for (Class<?> c = context.getRequiredTestClass(); a == null && c != null; c = c.getEnclosingClass()) {
            a = find(c);
        }
        return a;
    }

    private static LlmRetryTest find(AnnotatedElement element) {
        return org.junit.platform.commons.support.AnnotationSupport.findAnnotation(element, LlmRetryTest.class)
                .orElse(null);
    }

    private static String describe(ExtensionContext context) {
        return context.getRequiredTestClass().getSimpleName() + "." + context.getTestMethod()
                .map(m -> m.getName() + "()").orElse(context.getDisplayName());
    }

    /**
     * Settings of a registered {@link LlmRetryExtension}.
     *
     * <pre>{@code
     * LlmRetryExtension.builder().config("retry-test.yaml").seed(42).strictFaults(true).build();
     * }</pre>
     *
     * <p>Not thread-safe; the extension it builds is.
     */
    public static final class Builder {
        private String config;
        private long seed = HarnessSettings.DEFAULTS.seed();
        private boolean strictFaults = true;
        private List<Class<?>> woven = List.of();

        private Builder() {
        }

        /**
         * The retry.yaml for each test: a classpath resource name ({@code "retry-test.yaml"}) or the YAML text itself
         * (anything with a line break or a {@code "key: value"}). Default: the normal lookup.
         */
        public Builder config(String resourceOrYaml) {
            this.config = Objects.requireNonNull(resourceOrYaml, "resourceOrYaml");
            return this;
        }

        /** Seed of the random source behind jitter. Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether a declared fault that never fired fails the test. Default true. */
        public Builder strictFaults(boolean strict) {
            this.strictFaults = strict;
            return this;
        }

        /** Classes that must be woven, besides those found in the test instance's fields. */
        public Builder checkWoven(Class<?>... classes) {
            this.woven = List.of(classes);
            return this;
        }

        public LlmRetryExtension build() {
            return new LlmRetryExtension(new HarnessSettings(config, seed, strictFaults, woven));
        }
    }
}
