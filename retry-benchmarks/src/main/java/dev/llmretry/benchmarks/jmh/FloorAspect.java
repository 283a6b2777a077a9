package dev.llmretry.benchmarks.jmh;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;

/**
 * The annotation-style AspectJ floor (perf-anchors' {@code aspectjFloor}): an {@code @Around} advice that only
 * proceeds. ajc inlines it, but aspectjrt 1.9.27 still builds a {@code JoinPointImpl} per call.
 */
@Aspect
public class FloorAspect {
    /** Only proceeds. */
    @Around("execution(@dev.llmretry.benchmarks.jmh.Guarded * *(..)) && @annotation(ann)")
    public Object around(ProceedingJoinPoint pjp, Guarded ann) throws Throwable {
        return pjp.proceed();
    }
}
