package dev.llmretry.internal.config;

import dev.llmretry.classify.Decision;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code classification:} section of retry.yaml: rules that add to or override the built-in table, per
 * decision. Immutable.
 *
 * <pre>{@code
 * classification:
 *   failover: { status: [402], error-codes: [insufficient_quota] }
 *   abort:    { message-patterns: ["context.length"] }
 * }</pre>
 */
public final class ClassificationSettings {
    /** The rules for one decision. */
    public record Rules(Set<Integer> statuses, Set<String> errorCodes, List<String> exceptionClasses,
                        List<Pattern> messagePatterns) {
        public Rules {
            statuses = Set.copyOf(statuses);
            errorCodes = Set.copyOf(errorCodes);
            exceptionClasses = List.copyOf(exceptionClasses);
            messagePatterns = List.copyOf(messagePatterns);
        }

        public static final Rules NONE = new Rules(Set.of(), Set.of(), List.of(), List.of());

        public boolean isEmpty() {
            return statuses.isEmpty() && errorCodes.isEmpty() && exceptionClasses.isEmpty() && messagePatterns.isEmpty();
        }
    }

    private static final ClassificationSettings EMPTY = new ClassificationSettings(Map.of());
    private final Map<Decision, Rules> rules;

    public ClassificationSettings(Map<Decision, Rules> rules) {
        EnumMap<Decision, Rules> copy = new EnumMap<>(Decision.class);
        for (Decision d : Decision.values()) copy.put(d, Objects.requireNonNullElse(rules.get(d), Rules.NONE));
        this.rules = copy;
    }

    /** No user rules: the built-in table alone. */
    public static ClassificationSettings empty() { return EMPTY; }

    /** The rules for one decision; never null. */
    public Rules rules(Decision decision) { return rules.get(decision); }

    public boolean isEmpty() { return rules.values().stream().allMatch(Rules::isEmpty); }
}
