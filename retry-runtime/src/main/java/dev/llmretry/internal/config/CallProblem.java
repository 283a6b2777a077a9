package dev.llmretry.internal.config;

import java.util.Objects;

/**
 * One rule a {@link DeclaredCall} breaks, with its message (worded once, for the runtime and the processor alike)
 * and the attribute to blame, so that the processor can underline it. Immutable.
 *
 * <pre>{@code
 * CallProblem p = call.problems(names, null).get(0);
 * p.rule();       // UNKNOWN_ENDPOINT
 * p.attribute();  // "endpoints"
 * p.item();       // 1: the second endpoint
 * p.message();    // "@Failover on com.acme.Chat#ask: retry.yaml: no endpoint named 'onapi', did you mean ..."
 * p.predicate();  // "retry.yaml: no endpoint named 'onapi', did you mean ..."
 * }</pre>
 *
 * @param rule      the rule broken
 * @param attribute the annotation attribute to blame ({@code "endpoints"}, {@code "policy"}); null for the whole
 *                  annotation
 * @param item      the index of the blamed entry of an array attribute, or -1
 * @param subject   what the sentence is about, as it begins the message ({@code "@Failover on com.acme.Chat#ask"},
 *                  {@code "LlmCall \"acme.chat\""}); null when the sentence does not begin with the call
 * @param message   the full sentence, naming the call, the rule and the fix
 */
public record CallProblem(CallRule rule, String attribute, int item, String subject, String message) {
    public CallProblem {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        if (subject != null && !message.startsWith(subject)) {
            throw new IllegalArgumentException("the message does not begin with its subject " + subject + ": " + message);
        }
    }

    /**
     * The sentence without its subject, for a report that names the call already ({@code "LlmCall \"acme.chat\": lists
     * endpoint 'iag' more than once; ..."}): the message itself when it has none.
     */
    public String predicate() {
        if (subject == null) return message;
        String rest = message.substring(subject.length());
        return rest.startsWith(": ") ? rest.substring(2) : rest.strip();
    }
}
