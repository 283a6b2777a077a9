package dev.llmretry.internal.classify;

import dev.llmretry.classify.Decision;

import dev.llmretry.classify.Classification;

import dev.llmretry.internal.config.ClassificationSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code classification:} rules of retry.yaml. When rules of several decisions match, ABORT wins over FAILOVER
 * over RETRY. A rule matches on the HTTP status, on the body's error code or type (case-insensitive), on the name of
 * any exception in the cause chain or one of its superclasses, or on a pattern found ({@code find()}) in any message
 * of the chain or in the body.
 *
 * <p>Patterns come from the user, the text from upstream: a pattern sees at most the first {@value #MAX_MATCHED_CHARS}
 * characters of each message and of the body, and may read at most {@value #MAX_STEPS} characters per search (a
 * catastrophic pattern such as {@code (a+)+b} gives up and counts as not matching; logged once per pattern).
 */
final class UserRules {
    static final int MAX_MATCHED_CHARS = 4096;
    static final long MAX_STEPS = 1_000_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UserRules.class);
    private static final java.util.Set<String> REPORTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final Decision[] PRECEDENCE = {Decision.ABORT, Decision.FAILOVER, Decision.RETRY};

    private final List<Decision> decisions = new ArrayList<>(3);
    private final List<ClassificationSettings.Rules> rules = new ArrayList<>(3);

    private UserRules(ClassificationSettings settings) {
        for (Decision d : PRECEDENCE) {
            ClassificationSettings.Rules r = settings.rules(d);
            if (!r.isEmpty()) {
                decisions.add(d);
                rules.add(r);
            }
        }
    }

    /** The rules of {@code settings}, or null when there are none (so the classifier skips this step). */
    static UserRules of(ClassificationSettings settings) {
        return settings == null || settings.isEmpty() ? null : new UserRules(settings);
    }

    Classification classify(Throwable[] chain, HttpFacts facts) {
        for (int i = 0; i < rules.size(); i++) {
            String reason = match(rules.get(i), chain, facts);
            if (reason != null) return Classification.of(decisions.get(i), reason);
        }
        return null;
    }

    private static String match(ClassificationSettings.Rules r, Throwable[] chain, HttpFacts facts) {
        if (facts != null && r.statuses().contains(facts.status)) return "rule_status";
        if (facts != null) {
            for (String code : r.errorCodes()) {
                if (facts.hasCode(code)) return "rule_error_code";
            }
        }
        if (!r.exceptionClasses().isEmpty()) {
            for (Throwable t : chain) {
                for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                    if (r.exceptionClasses().contains(c.getName())) return "rule_exception_class";
                }
            }
        }
        for (Pattern p : r.messagePatterns()) {
            for (Throwable t : chain) {
                String message = t.getMessage();
                if (message != null && finds(p, message)) return "rule_message_pattern";
            }
            if (facts != null && facts.body != null && finds(p, facts.body)) return "rule_message_pattern";
        }
        return null;
    }

    /** {@code p.matcher(text).find()} on the text's start, within the step budget; false when the budget runs out. */
    static boolean finds(Pattern p, String text) {
        try {
            return p.matcher(new Budgeted(text, Math.min(text.length(), MAX_MATCHED_CHARS))).find();
        } catch (Budgeted.Exhausted e) {
            if (REPORTED.add(p.pattern())) {
                LOG.warn("classification message-pattern \"{}\" needed more than {} steps on a failure message and was "
                        + "treated as not matching; simplify it (nested repetition such as (a+)+ backtracks "
                        + "exponentially)", p.pattern(), MAX_STEPS);
            }
            return false;
        }
    }

    /** The start of a text whose reads are counted: the regex engine reads through it, and stops when over budget. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private final int length;
        private long steps;

        Budgeted(String text, int length) {
            this.text = text;
            this.length = length;
        }

        @Override public int length() { return length; }

        @Override
        public char charAt(int index) {
            if (++steps > MAX_STEPS) throw new Exhausted();
            if (index >= length) throw new IndexOutOfBoundsException(index);
            return text.charAt(index);
        }

        @Override public CharSequence subSequence(int start, int end) { return text.substring(start, Math.min(end, length)); }

        @Override public String toString() { return text.substring(0, length); }

        static final class Exhausted extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Exhausted() {
                super(null, null, false, false);
            }
        }
    }
}
