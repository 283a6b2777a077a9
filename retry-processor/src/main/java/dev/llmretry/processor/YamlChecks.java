package dev.llmretry.processor;

import dev.llmretry.internal.config.CompileTimeAccess;
import dev.llmretry.config.ConfigProblem;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Cross-checks annotation names against the retry.yaml visible at compile time: endpoint names in {@code @Failover},
 * {@code policy} names in {@code @LlmRetry} and {@code @LlmCircuitBreaker}. A broken retry.yaml is reported once, on
 * the first annotated element. Does nothing when no retry.yaml is visible. Not thread-safe.
 */
final class YamlChecks {
    private final Diagnostics diagnostics;
    private final RetryYaml yaml;
    private boolean problemsReported;

    YamlChecks(Diagnostics diagnostics, RetryYaml yaml) {
        this.diagnostics = diagnostics;
        this.yaml = yaml;
    }

    /** Reports the file's problems on {@code element} the first time it is called; later calls do nothing. */
    void reportProblemsOnce(Element element) {
        if (problemsReported || !yaml.isPresent()) return;
        problemsReported = true;
        for (ConfigProblem problem : yaml.problems()) {
            Check check = problem.expected().equals("a readable retry.yaml") ? Check.CONFIG_NOT_READABLE : Check.BROKEN_CONFIG;
            int line = yaml.line(problem.keyPath());
            diagnostics.report(check, element, yaml.source() + (line > 0 ? ":" + line : "") + ": "
                    + sentence(problem.message()) + " Fix retry.yaml: the runtime would refuse it at start-up.");
        }
    }

    void failover(Site site) {
        if (!yaml.isValid()) return;
        for (AnnotationValue item : site.arrayValue("endpoints")) {
            String name = String.valueOf(item.getValue());
            if (yaml.endpoints().contains(name)) continue;
            diagnostics.report(Check.UNKNOWN_ENDPOINT, site, item, "@Failover: no endpoint named '" + name + "'"
                    + suggestion(name, yaml.endpoints()) + " " + yaml.source() + " defines " + list(yaml.endpoints())
                    + ". Fix the name, or add it under endpoints: in retry.yaml.");
        }
    }

    void retryPolicy(Site site) {
        policy(site, Check.UNKNOWN_RETRY_POLICY, yaml.retryPolicies(), "retry");
    }

    void breakerPolicy(Site site) {
        policy(site, Check.UNKNOWN_BREAKER_POLICY, yaml.breakerPolicies(), "circuit-breaker");
    }

    private void policy(Site site, Check check, Set<String> known, String section) {
        String name = site.stringValue("policy");
        if (!yaml.isValid() || name == null || name.isEmpty() || known.contains(name)) return;
        diagnostics.report(check, site, "policy", "@" + site.annotationName() + ": no " + section + " policy named '" + name
                + "'" + suggestion(name, known) + " " + yaml.source() + " defines " + list(known)
                + ". Fix the name, or add it under " + section + ": in retry.yaml.");
    }

    private static String suggestion(String name, Set<String> known) {
        String didYouMean = CompileTimeAccess.didYouMean(name, known);
        return didYouMean.isEmpty() ? "." : didYouMean;
    }

    /** The text as a sentence: a full stop added unless it already ends with one, or with '?' or '!'. */
    static String sentence(String text) {
        String t = text.stripTrailing();
        return t.endsWith(".") || t.endsWith("?") || t.endsWith("!") ? t : t + ".";
    }

    private static String list(Set<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
