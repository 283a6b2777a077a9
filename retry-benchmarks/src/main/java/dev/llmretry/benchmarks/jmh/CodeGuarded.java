package dev.llmretry.benchmarks.jmh;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the method woven by the code-style floor aspect ({@code CodeStyleFloor.aj}): the floor llm-retry pays. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CodeGuarded {
}
