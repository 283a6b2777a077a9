package dev.llmretry.benchmarks.jmh;

/**
 * The code-style AspectJ floor: an around advice that only proceeds and never touches {@code thisJoinPoint}, so ajc
 * inlines it and allocates no JoinPoint. This is the shape of llm-retry's own {@code SyncAdvice}.
 */
public aspect CodeStyleFloor {
    Object around(): execution(@dev.llmretry.benchmarks.jmh.CodeGuarded * *(..)) {
        return proceed();
    }
}
