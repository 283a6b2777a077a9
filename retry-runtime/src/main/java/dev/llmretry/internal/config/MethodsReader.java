package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code methods:} section: retry and circuit-breaker overrides per method ({@code "com.acme.Chat#ask"}) or
 * per {@code LlmCall} name ({@code "acme.chat"}).
 */
final class MethodsReader {
    static final Set<String> KEYS = NodeReader.keys("retry", "circuit-breaker");
    static final String POLICY = "policy";

    private static final String IDENTIFIER = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";
    private static final Pattern METHOD_KEY = Pattern.compile("(" + IDENTIFIER + "\\.)*" + IDENTIFIER + "#" + IDENTIFIER);
    /** An {@code LlmCall} name: no {@code #}, no spaces. */
    private static final Pattern CALL_NAME = Pattern.compile("[\\p{L}\\p{N}_$][\\p{L}\\p{N}_$.:/-]*");
    /** {@code com.acme.ChatService.complete}: a method key with a dot where the {@code #} belongs. */
    private static final Pattern DOTTED_METHOD = Pattern.compile("(" + IDENTIFIER + "\\.)+\\p{Lu}\\p{javaJavaIdentifierPart}*\\."
            + "\\p{Ll}\\p{javaJavaIdentifierPart}*");

    private MethodsReader() {
    }

    static Map<String, MethodOverride> read(NodeReader reader, Node section, String source, Set<String> retryPolicies,
                                            Set<String> breakerPolicies) {
        Map<String, Node> entries = reader.mapping(section, "methods",
                "a map of \"fully.qualified.Class#method\" to overrides");
        Map<String, MethodOverride> methods = new LinkedHashMap<>();
        if (entries == null) return methods;
        entries.forEach((method, node) -> {
            String path = "methods.\"" + method + "\"";
            if (!isKey(method)) {
                reader.problems.add(ConfigProblem.of(path, method, "\"fully.qualified.Class#method\"", path
                        + " is not a method key; write \"fully.qualified.Class#method\", like \"com.acme.ChatService#complete\""
                        + (method.indexOf('#') < 0 && !DOTTED_METHOD.matcher(method).matches()
                        ? ", or an LlmCall name such as \"acme.chat\"" : "")));
                return;
            }
            Map<String, Node> keys = reader.mapping(node, path, "a map with retry and/or circuit-breaker");
            if (keys == null) return;
            reader.checkKeys(keys, path, KEYS);
            Section retry = section(reader, keys.get("retry"), SettingsPatch.Kind.RETRY, source, path + ".retry",
                    retryPolicies);
            Section breaker = section(reader, keys.get("circuit-breaker"), SettingsPatch.Kind.CIRCUIT_BREAKER, source,
                    path + ".circuit-breaker", breakerPolicies);
            methods.put(method, new MethodOverride(method, retry.patch, breaker.patch, retry.policy, breaker.policy));
        });
        return Collections.unmodifiableMap(methods);
    }

    /** A method key, or an LlmCall name that does not look like a method written with a dot for the {@code #}. */
    static boolean isKey(String key) {
        if (key.indexOf('#') >= 0) return METHOD_KEY.matcher(key).matches();
        return CALL_NAME.matcher(key).matches() && !DOTTED_METHOD.matcher(key).matches();
    }

    private static final class Section {
        final SettingsPatch patch;
        final String policy;

        Section(SettingsPatch patch, String policy) {
            this.patch = patch;
            this.policy = policy;
        }
    }

    private static Section section(NodeReader reader, Node node, SettingsPatch.Kind kind, String source, String path,
                                   Set<String> policies) {
        Map<String, Node> keys = reader.mapping(node, path, "a map of " + kind.section() + " settings");
        if (keys == null || keys.isEmpty()) return new Section(SettingsPatch.empty(kind, source, path), null);
        Set<String> known = new LinkedHashSet<>(kind.keys());
        known.add(POLICY);
        Map<String, Node> settings = new LinkedHashMap<>();
        keys.forEach((key, value) -> {
            if (!known.contains(key)) reader.problems.add(SettingKeys.unknownKey(path + "." + key, key, known));
            else if (!key.equals(POLICY)) settings.put(key, value);
        });
        String policy = keys.containsKey(POLICY)
                ? EndpointReader.reference(reader, keys.get(POLICY), path + "." + POLICY, kind.section() + " policies", policies)
                : null;
        return new Section(PolicyReader.readPatch(reader, settings, kind, source, path), policy);
    }
}
