package dev.llmretry.spring;

import java.lang.reflect.Method;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Matches the methods that {@link Protection#wanted} names, as the bean's class declares them. Stateless.
 */
final class LlmRetryPointcut extends StaticMethodMatcherPointcut {
    @Override
    public boolean matches(Method method, Class<?> targetClass) {
        return Protection.wanted(LlmRetryInterceptor.declared(method, targetClass));
    }
}
