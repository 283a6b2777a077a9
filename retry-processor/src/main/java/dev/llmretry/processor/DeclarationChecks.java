package dev.llmretry.processor;

import dev.llmretry.internal.config.CallProblem;
import dev.llmretry.internal.config.DeclaredCall;
import dev.llmretry.internal.config.MethodOverride;
import java.util.List;
import javax.lang.model.element.AnnotationValue;

/**
 * Reports what the runtime's {@link DeclaredCall#problems} finds in the annotations written on one element: endpoint
 * lists, names that retry.yaml must define, breaker settings a failover method ignores, {@code retryOn} classes that
 * {@code abortOn} makes dead. Each problem keeps the runtime's wording and gets the {@link Check} of the same name,
 * attached to the attribute (or the array entry) it blames. Not thread-safe.
 */
final class DeclarationChecks {
    private final Diagnostics diagnostics;
    private final RetryYaml yaml;
    private final PolicyChecks policies;

    DeclarationChecks(Diagnostics diagnostics, RetryYaml yaml, PolicyChecks policies) {
        this.diagnostics = diagnostics;
        this.yaml = yaml;
        this.policies = policies;
    }

    /** Checks the annotations written on one element, replayed by {@link Declarations#of}. */
    void check(Declarations.Declaration declaration, Site retry, Site breaker, Site failover) {
        DeclaredCall call = declaration.call();
        MethodOverride override = policies.override(call.id());
        for (CallProblem problem : call.problems(yaml.isValid() ? yaml.names() : null, override)) {
            Site site = "LlmRetry".equals(problem.rule().annotation()) ? retry
                    : "LlmCircuitBreaker".equals(problem.rule().annotation()) ? breaker : failover;
            if (site == null) continue; // a class-level @Failover: its list is checked on the class
            diagnostics.report(Check.of(problem.rule()), site, blamed(site, problem, declaration), problem.message());
        }
        if (retry != null) policies.retry(retry, call, override);
    }

    /** The attribute's value, or the array entry a problem is about; null (the whole annotation) when unwritten. */
    private static AnnotationValue blamed(Site site, CallProblem problem, Declarations.Declaration declaration) {
        if (problem.attribute() == null) return null;
        if (problem.item() < 0) return site.value(problem.attribute());
        List<AnnotationValue> items = problem.attribute().equals("retryOn") ? declaration.retryOnItems()
                : site.arrayValue(problem.attribute());
        return problem.item() < items.size() ? items.get(problem.item()) : site.value(problem.attribute());
    }
}
