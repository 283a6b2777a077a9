package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;
import dev.llmretry.config.LlmRetryConfigException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code retry:} or {@code circuit-breaker:} section into named policies, resolving inheritance key by
 * key: built-in defaults, then the file's {@code default}, then the built-in policy of the same name (if any), then
 * the file's policy.
 *
 * @param <S> {@link RetrySettings} or {@link BreakerSettings}
 */
final class PolicyReader<S> {
    static final String DEFAULT = "default";

    private final SettingsPatch.Kind kind;
    private final S builtInDefault;
    private final Map<String, SettingsPatch> builtIns;
    private final BiFunction<S, List<SettingsPatch>, S> apply;

    private PolicyReader(SettingsPatch.Kind kind, S builtInDefault, Map<String, SettingsPatch> builtIns,
                         BiFunction<S, List<SettingsPatch>, S> apply) {
        this.kind = kind;
        this.builtInDefault = builtInDefault;
        this.builtIns = builtIns;
        this.apply = apply;
    }

    static PolicyReader<RetrySettings> retry() {
        Map<String, SettingsPatch> builtIns = new LinkedHashMap<>();
        builtIns.put("streaming", SettingsPatch.retry(LlmRetryConfig.BUILT_IN, "retry.streaming")
                .put("max-attempts", 2).put("initial-backoff", "200ms").put("attempt-timeout", "30s").build());
        return new PolicyReader<>(SettingsPatch.Kind.RETRY, RetrySettings.defaults(), builtIns, RetrySettings::apply);
    }

    static PolicyReader<BreakerSettings> breaker() {
        return new PolicyReader<>(SettingsPatch.Kind.CIRCUIT_BREAKER, BreakerSettings.defaults(), Map.of(),
                BreakerSettings::apply);
    }

    /** The policies of the section, {@code default} first, then the built-in ones, then the file's in file order. */
    Map<String, S> read(NodeReader reader, Node section, String source) {
        Set<String> broken = new LinkedHashSet<>();
        Map<String, SettingsPatch> filePatches = readPatches(reader, section, source, broken);
        Map<String, S> policies = new LinkedHashMap<>();
        policies.put(DEFAULT, resolve(reader, builtInDefault, patches(filePatches.get(DEFAULT)), broken.contains(DEFAULT)));
        Set<String> names = new LinkedHashSet<>(builtIns.keySet());
        names.addAll(filePatches.keySet());
        names.remove(DEFAULT);
        for (String name : names) {
            List<SettingsPatch> patches = patches(builtIns.get(name), filePatches.get(name));
            policies.put(name, resolve(reader, policies.get(DEFAULT), patches, broken.contains(name)));
        }
        return Collections.unmodifiableMap(policies);
    }

    /** The names the section defines, built-in ones included, without resolving (for deferred checks). */
    Set<String> names(Map<String, SettingsPatch> filePatches) {
        Set<String> names = new LinkedHashSet<>(List.of(DEFAULT));
        names.addAll(builtIns.keySet());
        names.addAll(filePatches.keySet());
        return names;
    }

    /** Each named policy of the file as a patch, checked key by key. */
    Map<String, SettingsPatch> readPatches(NodeReader reader, Node section, String source) {
        return readPatches(reader, section, source, new LinkedHashSet<>());
    }

    /** As above; adds to {@code broken} the names of policies with a bad key or value. */
    private Map<String, SettingsPatch> readPatches(NodeReader reader, Node section, String source, Set<String> broken) {
        String path = kind.section();
        Map<String, Node> entries = reader.mapping(section, path, "a map of named policies, like default: { ... }");
        Map<String, SettingsPatch> patches = new LinkedHashMap<>();
        if (entries == null) return patches;
        entries.forEach((name, node) -> {
            String policyPath = path + "." + name;
            if (!NodeReader.isName(name)) {
                reader.problems.add(ConfigProblem.of(policyPath, null, "a name of letters, digits, '.', '_' or '-'",
                        policyPath + " is not a valid policy name; use letters, digits, '.', '_' or '-'"));
                return;
            }
            Map<String, Node> keys = reader.mapping(node, policyPath, "a map of " + path + " settings ("
                    + String.join(", ", kind.keys()) + ")");
            int before = reader.problems.size();
            if (keys != null) patches.put(name, readPatch(reader, keys, kind, source, policyPath));
            if (reader.problems.size() > before) broken.add(name);
        });
        return patches;
    }

    /** One patch from a map of settings; every bad key or value becomes a problem. */
    static SettingsPatch readPatch(NodeReader reader, Map<String, Node> keys, SettingsPatch.Kind kind, String source,
                                   String path) {
        SettingsPatch.Builder builder = kind == SettingsPatch.Kind.RETRY
                ? SettingsPatch.retry(source, path) : SettingsPatch.breaker(source, path);
        keys.forEach((key, node) -> {
            String keyPath = path + "." + key;
            NodeReader.Value value = reader.typedValue(node, keyPath);
            if (value == null) return;
            ConfigProblem problem = value.deferred() ? builder.checkKey(key) : builder.tryPut(key, value.raw(), value.origin());
            if (problem != null) reader.problems.add(problem);
        });
        return builder.build();
    }

    /**
     * The base with the patches applied; on a cross-field problem, the base (the problem is recorded unless the
     * policy already has a bad value, which would make it misleading).
     */
    private S resolve(NodeReader reader, S base, List<SettingsPatch> patches, boolean broken) {
        if (reader.variables.isDeferred()) return base;
        try {
            return apply.apply(base, patches);
        } catch (LlmRetryConfigException e) {
            if (!broken) reader.problems.addAll(e.problems());
            return base;
        }
    }

    private static List<SettingsPatch> patches(SettingsPatch... patches) {
        List<SettingsPatch> list = new ArrayList<>();
        for (SettingsPatch patch : patches) {
            if (patch != null) list.add(patch);
        }
        return list;
    }
}
