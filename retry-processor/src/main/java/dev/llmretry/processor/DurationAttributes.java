package dev.llmretry.processor;

import dev.llmretry.internal.config.Durations;
import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.internal.config.SettingsPatch;
import java.time.Duration;

/**
 * Checks one duration attribute with the runtime's parser ({@link Durations#parse}) and range rules
 * ({@link SettingsPatch}): unparseable text is {@link Check#DURATION_SYNTAX}, a zero the key does not allow is
 * {@link Check#DURATION_NOT_POSITIVE}.
 */
final class DurationAttributes {
    private DurationAttributes() {
    }

    /**
     * @return the parsed duration when the attribute is written and valid (for cross-attribute checks), else null
     */
    static Duration check(Diagnostics diagnostics, Site site, String attribute, SettingsPatch.Builder patch, String yamlKey) {
        String text = site.stringValue(attribute);
        if (text == null) return null;
        String annotation = "@" + site.annotationName() + " " + attribute;
        if (yamlKey.equals("attempt-timeout") && text.strip().equalsIgnoreCase("none")) return null;
        Duration parsed;
        try {
            parsed = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            diagnostics.report(Check.DURATION_SYNTAX, site, attribute, annotation + " must be a duration but was \""
                    + text + "\" (" + reason(e) + "). Write it like \"500ms\", \"2s\", \"1m\" or \"PT2S\", or remove it "
                    + "to use the policy's value.");
            return null;
        }
        try {
            patch.put(yamlKey, text);
        } catch (LlmRetryConfigException e) {
            diagnostics.report(Check.DURATION_NOT_POSITIVE, site, attribute, annotation + " must be longer than zero but was \""
                    + text + "\". Give a positive duration like \"1s\", or remove it to use the policy's value.");
            return null;
        }
        return parsed;
    }

    /** The parser's reason without its "expected ..." tail, which the fix repeats. */
    private static String reason(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        int tail = message.indexOf("; expected");
        return tail < 0 ? message : message.substring(0, tail);
    }
}
