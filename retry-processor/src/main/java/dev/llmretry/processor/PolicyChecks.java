package dev.llmretry.processor;

import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.internal.config.MethodOverride;
import dev.llmretry.internal.config.RetrySettings;
import dev.llmretry.internal.config.SettingsPatch;
import java.time.Duration;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * What an {@code @LlmRetry} and its policy in retry.yaml decide together, checked as the runtime will when it builds
 * the method's plan (built-in defaults &lt; policy &lt; annotation &lt; {@code methods:} entry): {@code initialBackoff}
 * longer than the policy's {@code max-backoff} is an error, a deadline shorter than the first backoff a warning.
 * Only when the file's {@code retry:}, {@code circuit-breaker:} and {@code methods:} sections use no {@code ${VAR}}:
 * a variable is decided at run time. Not thread-safe.
 */
final class PolicyChecks {
    private static final List<String> SECTIONS = List.of("retry", "circuit-breaker", "methods");

    private final Diagnostics diagnostics;
    private final RetryYaml yaml;
    private final Elements elements;
    private LlmRetryConfig config;
    private boolean loaded;

    PolicyChecks(Diagnostics diagnostics, RetryYaml yaml, Elements elements) {
        this.diagnostics = diagnostics;
        this.yaml = yaml;
        this.elements = elements;
    }

    void retry(Site site) {
        LlmRetryConfig c = config();
        SettingsPatch patch = patch(site);
        if (c == null || patch == null) return;
        MethodOverride override = methodId(site) == null ? null : c.methodOverride(methodId(site)).orElse(null);
        String policy = firstNonEmpty(override == null ? null : override.retryPolicy(), site.stringValue("policy"));
        if (!c.retryPolicies().containsKey(policy)) return; // LLMR-021 says so
        String from = "policy '" + policy + "' of " + yaml.source() + (override == null ? "" : " with its methods: entry");
        RetrySettings settings;
        try {
            settings = c.retryPolicy(policy).apply(patch);
            if (override != null) settings = settings.apply(override.retry());
        } catch (LlmRetryConfigException e) {
            String problem = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).message();
            int line = e.problems().isEmpty() ? 0 : yaml.line(e.problems().get(0).keyPath());
            String at = line > 0 ? " (" + yaml.source() + ":" + line + ")" : "";
            diagnostics.report(Check.POLICY_CONFLICT, site, blamedAttribute(site), "@LlmRetry with " + from + ": "
                    + problem + at + ". The first call would fail with this: make initialBackoff at "
                    + "most the max-backoff, in the annotation (maxBackoff) or in the policy.");
            return;
        }
        boolean bothOnAnnotation = site.isSet("maxDuration") && site.isSet("initialBackoff"); // RetryChecks warned
        if (!bothOnAnnotation && settings.maxDuration().compareTo(settings.initialBackoff()) < 0) {
            diagnostics.report(Check.DEADLINE_BEFORE_BACKOFF, site, site.isSet("maxDuration") ? "maxDuration"
                    : "initialBackoff", "@LlmRetry with " + from + ": max-duration (" + text(settings.maxDuration())
                    + ") is shorter than initial-backoff (" + text(settings.initialBackoff()) + "), so the deadline "
                    + "passes before the first retry and the call is never retried. Raise max-duration or lower "
                    + "initial-backoff.");
        }
    }

    /** The file's policies, read once; null when there is no valid file or its policy sections use variables. */
    private LlmRetryConfig config() {
        if (loaded) return config;
        loaded = true;
        if (!yaml.isValid()) return null;
        String sections = yaml.topLevelSections(SECTIONS);
        if (sections.contains("${")) return null;
        try {
            config = ConfigLoader.parse(yaml.source(), sections, name -> null);
        } catch (RuntimeException e) {
            config = null; // whatever it is, the runtime will say it; the checks above need a readable file
        }
        return config;
    }

    /** The annotation's attributes as the runtime reads them; null when one is invalid (reported elsewhere). */
    private static SettingsPatch patch(Site site) {
        try {
            SettingsPatch.Builder p = SettingsPatch.retry("@LlmRetry on " + site.where(), "");
            Integer attempts = site.intValue("maxAttempts");
            if (attempts != null) p.put("max-attempts", attempts);
            Double multiplier = site.doubleValue("multiplier");
            if (multiplier != null) p.put("multiplier", multiplier);
            for (String[] a : new String[][] {{"initialBackoff", "initial-backoff"}, {"maxBackoff", "max-backoff"},
                    {"maxDuration", "max-duration"}, {"maxRetryAfter", "max-retry-after"},
                    {"attemptTimeout", "attempt-timeout"}}) {
                String v = site.stringValue(a[0]);
                if (v != null && !v.isEmpty()) p.put(a[1], v);
            }
            return p.build();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String methodId(Site site) {
        if (site.element().getKind() != ElementKind.METHOD) return null;
        if (!(site.element().getEnclosingElement() instanceof TypeElement type)) return null;
        return elements.getBinaryName(type) + "#" + site.element().getSimpleName();
    }

    private static String blamedAttribute(Site site) {
        return site.isSet("initialBackoff") ? "initialBackoff" : site.isSet("maxBackoff") ? "maxBackoff" : null;
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : b != null && !b.isEmpty() ? b : "default";
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
