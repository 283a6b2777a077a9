package dev.llmretry.processor;

import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.DeclaredCall;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.internal.config.MethodOverride;
import dev.llmretry.internal.config.RetrySettings;
import dev.llmretry.internal.config.SettingMessages;
import dev.llmretry.internal.config.SettingsPatch;
import java.util.List;

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
    private LlmRetryConfig config;
    private boolean loaded;

    PolicyChecks(Diagnostics diagnostics, RetryYaml yaml) {
        this.diagnostics = diagnostics;
        this.yaml = yaml;
    }

    /** The {@code methods:} entry of a method, when the file could be read; null for a class or without one. */
    MethodOverride override(String id) {
        LlmRetryConfig c = config();
        return c == null || id.indexOf('#') < 0 ? null : c.methodOverride(id).orElse(null);
    }

    /** Settings as the runtime computes them at the first call ({@link DeclaredCall#retrySettings}). */
    void retry(Site site, DeclaredCall call, MethodOverride override) {
        LlmRetryConfig c = config();
        if (c == null || call.retry() == null) return;
        String policy = call.retryPolicyInForce(override);
        if (!c.retryPolicies().containsKey(policy)) return; // LLMR-021 says so
        String from = "policy '" + policy + "' of " + yaml.source() + (override == null ? "" : " with its methods: entry");
        RetrySettings settings;
        try {
            settings = call.retrySettings(c, override);
        } catch (LlmRetryConfigException e) {
            String problem = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).message();
            int line = e.problems().isEmpty() ? 0 : yaml.line(e.problems().get(0).keyPath());
            String at = line > 0 ? " (" + yaml.source() + ":" + line + ")" : "";
            diagnostics.report(Check.POLICY_CONFLICT, site, blamedAttribute(site), "@LlmRetry with " + from + at + ": "
                    + problem + " The first call would fail with this.");
            return;
        }
        boolean bothOnAnnotation = site.isSet("maxDuration") && site.isSet("initialBackoff"); // RetryChecks warned
        if (!bothOnAnnotation && settings.maxDuration().compareTo(settings.initialBackoff()) < 0) {
            diagnostics.report(Check.DEADLINE_BEFORE_BACKOFF, site, site.isSet("maxDuration") ? "maxDuration"
                    : "initialBackoff", "@LlmRetry with " + from + ": " + SettingMessages.deadlineBeforeBackoff(
                    SettingsPatch.Naming.YAML, settings.maxDuration(), settings.initialBackoff()));
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

    private static String blamedAttribute(Site site) {
        return site.isSet("initialBackoff") ? "initialBackoff" : site.isSet("maxBackoff") ? "maxBackoff" : null;
    }
}
