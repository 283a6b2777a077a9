package dev.llmretry.internal.exec;

/**
 * A hook the test harness installs to inject faults: called before every attempt, before the method's body runs.
 * Throwing from it fails that attempt exactly as if the body had thrown; it may also wait on the library's clock to
 * simulate latency. Absent in production: the executor then pays one null check per attempt.
 *
 * <pre>{@code
 * installation.faults((method, endpoint) -> {   // an LlmRuntime.Installation; removed when it closes
 *     if (endpoint.equals("iag")) throw new LlmHttpException(504, Map.of(), "");
 * });
 * }</pre>
 */
@FunctionalInterface
public interface FaultInjector {
    /**
     * @param method   {@code "com.acme.Chat#ask"}
     * @param endpoint the endpoint the attempt goes to (for a method without {@code @Failover}: its breaker name,
     *                 or {@code "SimpleClass#method"})
     */
    void beforeAttempt(String method, String endpoint) throws Throwable;
}
