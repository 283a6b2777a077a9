package dev.llmretry.processor;

import dev.llmretry.config.ConfigProblem;
import javax.lang.model.element.Element;

/**
 * Reports the problems of the retry.yaml visible at compile time, once, on the first annotated element. (The names
 * that annotations use are checked against it by {@link DeclarationChecks}.) Does nothing when no retry.yaml is
 * visible. Not thread-safe.
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

    /** The text as a sentence: a full stop added unless it already ends with one, or with '?' or '!'. */
    static String sentence(String text) {
        String t = text.stripTrailing();
        return t.endsWith(".") || t.endsWith("?") || t.endsWith("!") ? t : t + ".";
    }
}
