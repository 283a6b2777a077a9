package dev.llmretry.spring;

import dev.llmretry.LlmResilience;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ReflectionUtils;

/**
 * Proxies every bean with a protected method (see {@link Protection}) with the llm-retry advisor, or adds the advisor
 * in front of an existing proxy's (so retries wrap {@code @Transactional} and the like). At its own start it puts
 * {@code llmretry.config} in force, before any application bean exists; once every singleton is created it builds
 * the plan of every protected method, so a broken retry.yaml, an unknown endpoint name or an unsupported result type
 * fails the context's start with the library's message; when the context closes it shuts the library down.
 * Class-based (CGLIB) proxies, as Spring Boot makes them by default.
 */
public class LlmRetryAdvisingPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor
        implements InitializingBean, SmartInitializingSingleton, DisposableBean {
    private static final long serialVersionUID = 1L;

    private final transient LlmRetryConfigSource config;
    private final transient Set<Class<?>> protectedClasses = new LinkedHashSet<>();
    private volatile boolean started;

    public LlmRetryAdvisingPostProcessor(LlmRetryConfigSource config) {
        this.config = config;
        this.advisor = new DefaultPointcutAdvisor(new LlmRetryPointcut(), new LlmRetryInterceptor());
        setBeforeExistingAdvisors(true);
        setProxyTargetClass(true);
    }

    @Override
    public void afterPropertiesSet() {
        if (config.location() != null) config.reload();
    }

    @Override
    protected boolean isEligible(Class<?> targetClass) {
        boolean eligible = super.isEligible(targetClass);
        if (eligible) {
            boolean late;
            synchronized (protectedClasses) {
                late = protectedClasses.add(targetClass) && started;
            }
            if (late) validate(List.of(targetClass));   // a lazy bean, created after the start
        }
        return eligible;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<Class<?>> classes;
        synchronized (protectedClasses) {
            started = true;
            classes = new ArrayList<>(protectedClasses);
        }
        validate(classes);
    }

    @Override
    public void destroy() {
        LlmResilience.shutdown();
    }

    /** The classes whose methods this post-processor protects, in the order it met them. */
    public List<Class<?>> protectedClasses() {
        synchronized (protectedClasses) {
            return List.copyOf(protectedClasses);
        }
    }

    /** Builds every plan now (annotations, methods: entries, endpoint names, result types), all problems at once. */
    private static void validate(List<Class<?>> classes) {
        if (classes.isEmpty()) return;
        LlmResilience.validate(classes.toArray(Class<?>[]::new));
        for (Class<?> type : classes) {
            for (Method m : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
                if (Protection.wanted(m) && Shape.of(m.getReturnType()) == Shape.UNSUPPORTED) {
                    throw new UnsupportedOperationException(m.toGenericString() + Shape.UNSUPPORTED_MESSAGE);
                }
            }
        }
    }
}
