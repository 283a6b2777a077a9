package dev.llmretry.spring;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.BridgeMethodResolver;
import org.springframework.core.MethodClassKey;

/**
 * The advice: hands each call of a protected method to its {@link ProtectedMethod}, resolved once per method and
 * bean class. Thread-safe.
 */
final class LlmRetryInterceptor implements MethodInterceptor {
    private final Map<MethodClassKey, ProtectedMethod> methods = new ConcurrentHashMap<>();

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Class<?> targetClass = invocation.getThis() == null ? null : AopUtils.getTargetClass(invocation.getThis());
        MethodClassKey key = new MethodClassKey(invocation.getMethod(), targetClass);
        ProtectedMethod protectedMethod = methods.get(key);
        if (protectedMethod == null) {
            protectedMethod = methods.computeIfAbsent(key, k -> ProtectedMethod.of(declared(invocation.getMethod(),
                    targetClass)));
        }
        return protectedMethod.invoke(invocation);
    }

    /** The method as the bean's class declares it: annotations are read there, as the woven advice reads them. */
    static Method declared(Method invoked, Class<?> targetClass) {
        return BridgeMethodResolver.findBridgedMethod(AopUtils.getMostSpecificMethod(invoked, targetClass));
    }
}
