package dev.llmretry.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code methods:} section: per-method retry and circuit-breaker overrides. */
final class MethodsReader {
    static final Set<String> KEYS = NodeReader.keys("retry", "circuit-breaker");
    static final String POLICY = "policy";

    private static final String IDENTIFIER = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";
    private static final Pattern METHOD_KEY = Pattern.compile("(" + IDENTIFIER + "\\.)*" + IDENTIFIER + "#" + IDENTIFIER);

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
            if (!METHOD_KEY.matcher(method).matches()) {
                reader.problems.add(ConfigProblem.of(path, method, "\"fully.qualified.Class#method\"", path
                        + " is not a method key; write \"fully.qualified.Class#method\", like \"com.acme.ChatService#complete\""));
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
