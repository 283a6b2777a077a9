package dev.llmretry.testing;

/**
 * Recognises, without a compile-time dependency on Spring, a bean proxied by retry-spring-boot-starter: a Spring AOP
 * proxy ({@code org.springframework.aop.framework.Advised}) whose advisors include llm-retry's interceptor. Such a
 * bean is protected without weaving, so the weaving check must not fail a test that holds it. A proxy without
 * llm-retry's advisor (only {@code @Transactional}, say) is not recognised: its class is still checked. Stateless.
 */
final class SpringProxies {
    private static final String ADVISED = "org.springframework.aop.framework.Advised";
    private static final String INTERCEPTOR = "dev.llmretry.spring.LlmRetryInterceptor";

    private SpringProxies() {
    }

    static boolean protectedByStarter(Object bean) {
        for (Class<?> k = bean.getClass(); k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                if (i.getName().equals(ADVISED)) return hasInterceptor(i, bean);
            }
        }
        return false;
    }

    private static boolean hasInterceptor(Class<?> advised, Object bean) {
        try {
            for (Object advisor : (Object[]) advised.getMethod("getAdvisors").invoke(bean)) {
                Object advice = advisor.getClass().getMethod("getAdvice").invoke(advisor);
                if (advice != null && advice.getClass().getName().equals(INTERCEPTOR)) return true;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;   // an opaque or unusual proxy: check its class as any other
        }
        return false;
    }
}
