package dev.llmretry.processor;

import java.util.Collection;
import java.util.Locale;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Qualified names of the annotations and types the processor knows, and naming helpers for messages. */
final class Names {
    static final String LLM_RETRY = "dev.llmretry.annotation.LlmRetry";
    static final String LLM_CIRCUIT_BREAKER = "dev.llmretry.annotation.LlmCircuitBreaker";
    static final String FAILOVER = "dev.llmretry.annotation.Failover";
    static final String ENDPOINT = "dev.llmretry.Endpoint";

    private Names() {
    }

    /** {@code com.acme.Chat#ask} for a method, the qualified name for a type. */
    static String describe(Element element) {
        if (element instanceof ExecutableElement method) {
            Element owner = method.getEnclosingElement();
            String type = owner instanceof TypeElement t ? t.getQualifiedName().toString() : owner.toString();
            return type + "#" + method.getSimpleName();
        }
        if (element instanceof TypeElement type) return type.getQualifiedName().toString();
        return element.toString();
    }

    /** The name in {@code known} closest to {@code given} (at most two edits, one for short names), or null. */
    static String closest(String given, Collection<String> known) {
        String wanted = given.toLowerCase(Locale.ROOT);
        int limit = wanted.length() <= 3 ? 1 : 2;
        String best = null;
        int bestDistance = limit + 1;
        for (String candidate : known) {
            int d = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** {@code ", did you mean 'x'?"} or {@code ""}. */
    static String didYouMean(String given, Collection<String> known) {
        String best = closest(given, known);
        return best == null ? "" : ", did you mean '" + best + "'?";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
