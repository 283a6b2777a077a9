package dev.llmretry.testing;

import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.LlmRetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** What one {@link LlmRetryExtension} does for each test, from the annotation or the builder. Immutable. */
record HarnessSettings(String config, long seed, boolean strictFaults, List<Class<?>> woven) {
    static final HarnessSettings DEFAULTS = new HarnessSettings(null, 42, true, List.of());

    HarnessSettings {
        woven = List.copyOf(woven);
    }

    static HarnessSettings of(LlmRetryTest annotation) {
        if (annotation == null) return DEFAULTS;
        return new HarnessSettings(annotation.config().isBlank() ? null : annotation.config(), annotation.seed(),
                annotation.strictFaults(), List.of(annotation.woven()));
    }

    /** The configuration to install, or null for the normal lookup (classpath retry.yaml). */
    LlmRetryConfig loadConfig() {
        if (config == null) return null;
        if (looksLikeYaml(config)) {
            return ConfigLoader.parse("retry.yaml (test configuration)", config, variables());
        }
        return ConfigLoader.parse(config, readResource(config), variables());
    }

    /** Text with a line break or a {@code key: value} pair is YAML; a bare name is a classpath resource. */
    static boolean looksLikeYaml(String s) {
        return s.contains("\n") || s.contains(": ") || s.trim().startsWith("{");
    }

    private static java.util.function.Function<String, String> variables() {
        return ConfigLoader.variables(System::getenv, System::getProperty);
    }

    private static String readResource(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) loader = HarnessSettings.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new ExtensionConfigurationException("The test configuration '" + name + "' is not on the test "
                        + "classpath; put it under src/test/resources/" + path + " or pass the YAML text itself");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExtensionConfigurationException("Cannot read the test configuration '" + name + "'", e);
        }
    }
}
