package org.springframework.ai.retry;

/** Test stand-in with the real class name of Spring AI's exception (spring-ai-retry is not on the test classpath). */
public class TransientAiException extends RuntimeException {
    public TransientAiException(String message) { super(message); }
}
