package dev.llmretry.classify;

import dev.llmretry.config.ClassificationSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code classification:} rules of retry.yaml. When rules of several decisions match, ABORT wins over FAILOVER
 * over RETRY. A rule matches on the HTTP status, on the body's error code or type (case-insensitive), on the name of
 * any exception in the cause chain or one of its superclasses, or on a pattern found ({@code find()}) in any message
 * of the chain or in the body.
 */
final class UserRules {
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
                if (message != null && p.matcher(message).find()) return "rule_message_pattern";
            }
            if (facts != null && facts.body != null && p.matcher(facts.body).find()) return "rule_message_pattern";
        }
        return null;
    }
}
