package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;
import java.util.Collection;
import java.util.Set;

/**
 * The sentences of the {@link CallRule}s, each written once: the runtime (plans, {@code LlmCall.build()}, the
 * {@code retry.yaml} lookups of {@link LlmRetryConfig}) and the annotation processor print these and no other
 * wording. {@code origin} names the call as {@link DeclaredCall#origin} does. Stateless.
 */
final class CallMessages {
    /** The advice can rebind the {@code Endpoint} argument only in the first six parameters (one advice each). */
    static final int MAX_ENDPOINT_POSITION = 6;

    private CallMessages() {
    }

    /** {@code no endpoint named 'onapi', did you mean 'oneapi'? (defined: iag, oneapi); add it ...}. */
    static ConfigProblem unknownEndpoint(String name, Collection<String> known) {
        String defined = known.isEmpty() ? "none" : String.join(", ", known);
        return ConfigProblem.of("endpoints." + name, name, "one of " + defined, "no endpoint named '" + name + "'"
                + Suggestions.didYouMean(name, known) + " (defined: " + defined + "); add it under endpoints: in retry.yaml");
    }

    /** {@code no retry policy named 'fats', did you mean 'fast'? (defined: default, fast); add it ...}. */
    static ConfigProblem unknownPolicy(String section, String name, Collection<String> known) {
        String defined = String.join(", ", known);
        return ConfigProblem.of(section + "." + name, name, "one of " + defined, "no " + section + " policy named '"
                + name + "'" + Suggestions.didYouMean(name, known) + " (defined: " + defined + "); add it under "
                + section + ": in retry.yaml or use a defined one");
    }

    /** A name the call refers to, missing from the file: the call, the file, then the lookup's own sentence. */
    static String unknown(String origin, String source, ConfigProblem lookup) {
        return origin + ": " + source + ": " + lookup.message();
    }

    static String noEndpoints(String origin, boolean builder) {
        return origin + " names no endpoints. List at least one endpoint from retry.yaml, e.g. "
                + (builder ? ".failover(\"iag\", \"oneapi\")" : "@Failover(endpoints = {\"iag\", \"oneapi\"})") + ".";
    }

    static String duplicateEndpoint(String origin, String name) {
        return origin + " lists endpoint '" + name + "' more than once; it would be tried twice. Remove the duplicate.";
    }

    static String singleEndpoint(String origin, String name) {
        return origin + " names a single endpoint ('" + name + "'), so there is nothing to fail over to. Add a second "
                + "endpoint, or use @LlmRetry alone if one endpoint is intended.";
    }

    static String breakerIgnored(String origin, String attribute) {
        return origin + ": " + attribute + " is ignored on a @Failover method: each endpoint has its own circuit "
                + "breaker. Configure it with endpoints.<name>.circuit-breaker in retry.yaml and remove the attribute.";
    }

    static String bothRetriedAndAborted(String origin, String type) {
        return origin + " lists " + type + " in both retryOn and abortOn; abortOn wins, so it is never retried. Remove "
                + "it from one of them.";
    }

    static String retriedSubclassOfAborted(String origin, String retried, String aborted) {
        return origin + " retryOn lists " + retried + ", a subclass of " + aborted + " in abortOn; abortOn wins, so it "
                + "is never retried. Remove it from retryOn, or abort on a narrower class than " + aborted + ".";
    }

    static String broadRetryOn(String origin, String type) {
        return origin + " retryOn lists " + type + ", which retries programming errors and bad requests too "
                + "(NullPointerException, 400 Bad Request). List the specific exceptions to retry; the built-in table "
                + "already retries timeouts, 429 and 5xx.";
    }

    /**
     * @param type   the class, for a {@code @Failover} on it; null when {@code @Failover} is on the method
     * @param method the method's simple name
     */
    static String endpointCount(String type, String method, int endpoints) {
        String rule = endpoints == 0 ? "declares no dev.llmretry.Endpoint parameter" : "declares " + endpoints
                + " Endpoint parameters";
        String fix = endpoints == 0 ? "Add one (callers pass null; each attempt receives the chosen endpoint)"
                : "Keep exactly one";
        if (type != null) {
            return "@Failover on " + type + " applies to its public method " + method + ", which " + rule + ". " + fix
                    + ", or move @Failover from the class to the methods that take an Endpoint.";
        }
        return "@Failover method " + method + " " + rule + ". " + fix + ".";
    }

    static String endpointPosition(String methodId, int position) {
        return "The Endpoint parameter of " + methodId + " is parameter " + position + ", but the llm-retry advice can "
                + "pass the endpoint only in the first " + MAX_ENDPOINT_POSITION + " parameters, so the method would "
                + "not be protected. Move it left, e.g. make it the first parameter.";
    }

    /** Classes that {@code retryOn} should not list: they retry programming errors too. */
    static final Set<String> BROAD = Set.of("java.lang.Throwable", "java.lang.Exception", "java.lang.RuntimeException",
            "java.lang.Error");
}
