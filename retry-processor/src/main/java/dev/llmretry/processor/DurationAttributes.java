package dev.llmretry.processor;

import dev.llmretry.internal.config.Durations;
import dev.llmretry.internal.config.SettingsPatch;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks one duration attribute with the runtime's range rules and words ({@link SettingsPatch}): text
 * {@link Durations#parse} cannot read (or a negative duration) is {@link Check#DURATION_SYNTAX}, a zero the key does
 * not allow is {@link Check#DURATION_NOT_POSITIVE}; both with the sentence the runtime would say.
 */
final class DurationAttributes {
    private DurationAttributes() {
    }

    /**
     * @param patch an attribute patch ({@link SettingsPatch#retryAttributes}) whose source starts the message
     * @return the parsed duration when the attribute is written and valid (for cross-attribute checks), else null
     */
    static Duration check(Diagnostics diagnostics, Site site, String attribute, SettingsPatch.Builder patch, String yamlKey) {
        String text = site.stringValue(attribute);
        if (text == null) return null;
        String refused = RetryChecks.refusal(patch, yamlKey, text);
        if (refused != null) {
            diagnostics.report(readable(text) ? Check.DURATION_NOT_POSITIVE : Check.DURATION_SYNTAX, site, attribute, refused);
            return null;
        }
        Object value = patch.build().value(yamlKey).orElse(null);
        if (value instanceof Optional<?> optional) value = optional.orElse(null); // attempt-timeout: "none"
        return (Duration) value;
    }

    private static boolean readable(String text) {
        try {
            Durations.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
