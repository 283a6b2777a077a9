package dev.llmretry.internal.config;

import java.util.Set;

/**
 * The names a call may refer to, from one retry.yaml: endpoints, retry policies, circuit-breaker policies (built-in
 * ones included). The runtime takes them from its {@link LlmRetryConfig}; the annotation processor from the file it
 * can see at compile time, whose {@code ${VAR}} values it cannot resolve. Immutable.
 *
 * <pre>{@code
 * KnownNames names = KnownNames.of(config);
 * names.endpoints();   // [iag, oneapi]
 * }</pre>
 *
 * @param source          the file's name in messages: {@code "retry.yaml"}, a path, or {@code "built-in defaults"}
 * @param endpoints       the endpoint names, in file order
 * @param retryPolicies   the retry policy names
 * @param breakerPolicies the circuit-breaker policy names
 */
public record KnownNames(String source, Set<String> endpoints, Set<String> retryPolicies, Set<String> breakerPolicies) {

    /** The names of a loaded configuration. */
    public static KnownNames of(LlmRetryConfig config) {
        return new KnownNames(config.source(), config.endpoints().keySet(), config.retryPolicies().keySet(),
                config.breakerPolicies().keySet());
    }
}
