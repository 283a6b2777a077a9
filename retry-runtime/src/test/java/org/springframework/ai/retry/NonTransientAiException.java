package org.springframework.ai.retry;

/** Test stand-in with the real class name of Spring AI's exception (spring-ai-retry is not on the test classpath). */
public class NonTransientAiException extends RuntimeException {
    public NonTransientAiException(String message) { super(message); }
}
