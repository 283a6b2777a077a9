package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a SnakeYAML node tree as maps, lists and scalars, collecting problems instead of stopping at the first.
 * Handles what SnakeYAML's composer leaves to the constructor: duplicate keys, merge keys ({@code <<: *base}, with
 * cycles refused and each merged map read once), and tags (only the standard scalar, map and list tags). Scalars go
 * through variable substitution. Callers only descend along the retry.yaml schema, so a recursive or alias-heavy
 * tree cannot make reading loop or explode. Not thread-safe: one per read.
 */
final class NodeReader {
    /**
     * A scalar's text after substitution ({@code text} is null for an empty value: {@code key:} or {@code ~}), or,
     * from {@link #typedValue}, the shape of a value that is not a scalar.
     */
    record Value(String text, String origin, boolean deferred, Shape shape) {
        /** What to hand a value parser: the text, or the shape so that the parser's message says "was a map". */
        Object raw() {
            return shape != null ? shape : text;
        }
    }

    /** Stands for a value of the wrong shape in messages: {@code "... was a map, must be ..."}. */
    record Shape(String description) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);

    final List<ConfigProblem> problems = new ArrayList<>();
    final Variables variables;
    private final Map<Node, Map<String, Node>> mergedMaps = new IdentityHashMap<>();
    private final Set<Node> merging = Collections.newSetFromMap(new IdentityHashMap<>());

    NodeReader(Variables variables) {
        this.variables = variables;
    }

    /**
     * The entries of a map, in order, merges expanded (explicit keys win). An empty value gives an empty map; anything
     * else that is not a map gives a problem and null.
     */
    Map<String, Node> mapping(Node node, String path, String expected) {
        if (node == null || isNull(node)) return Map.of();
        if (!(node instanceof MappingNode) || !node.getTag().equals(Tag.MAP)) {
            problems.add(ConfigProblem.invalid(path, describe(path, node), expected));
            return null;
        }
        Map<String, Node> cached = mergedMaps.get(node);
        if (cached != null) return cached;
        if (!merging.add(node)) {
            problems.add(ConfigProblem.of(path, null, "a merge without cycles", path + " merges (<<) a map into itself"));
            return Map.of();
        }
        Map<String, Node> entries = entries((MappingNode) node, path);
        merging.remove(node);
        mergedMaps.put(node, entries);
        return entries;
    }

    private Map<String, Node> entries(MappingNode node, String path) {
        Map<String, Integer> lines = new HashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node key = tuple.getKeyNode();
            if (key.getTag().equals(Tag.MERGE)) continue;
            if (!(key instanceof ScalarNode) || isNull(key)) {
                problems.add(ConfigProblem.of(path, null, "text keys", path(path) + " has a key that is " + describe(path, key)
                        + " (line " + line(key) + "); keys must be plain text"));
                continue;
            }
            String name = ((ScalarNode) key).getValue();
            Integer first = lines.putIfAbsent(name, line(key));
            if (first != null) {
                problems.add(ConfigProblem.of(join(path, name), null, "each key once", join(path, name)
                        + " is given twice (lines " + first + " and " + line(key) + "); keep one"));
            }
        }
        Map<String, Node> result = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node key = tuple.getKeyNode();
            if (key.getTag().equals(Tag.MERGE)) {
                for (Map<String, Node> merged : merged(tuple.getValueNode(), path)) {
                    merged.forEach((k, v) -> {
                        if (!lines.containsKey(k)) result.putIfAbsent(k, v);
                    });
                }
            } else if (key instanceof ScalarNode && !isNull(key)) {
                result.putIfAbsent(((ScalarNode) key).getValue(), tuple.getValueNode());
            }
        }
        return Collections.unmodifiableMap(result);
    }

    private List<Map<String, Node>> merged(Node value, String path) {
        List<Node> sources = value instanceof SequenceNode ? ((SequenceNode) value).getValue() : List.of(value);
        List<Map<String, Node>> maps = new ArrayList<>();
        for (Node source : sources) {
            Map<String, Node> map = mapping(source, path + ".<<", "a map or a list of maps (like *base)");
            if (map != null) maps.add(map);
        }
        return maps;
    }

    /** Adds an "unknown key" problem for each key not in {@code known}. */
    void checkKeys(Map<String, Node> entries, String path, Set<String> known) {
        for (String key : entries.keySet()) {
            if (!known.contains(key)) problems.add(SettingKeys.unknownKey(join(path, key), key, known));
        }
    }

    /**
     * The elements of a list. A single scalar counts as a one-element list and an empty value as an empty list; a
     * map gives a problem and null.
     */
    List<Node> sequence(Node node, String path, String expected) {
        if (node == null || isNull(node)) return List.of();
        if (node instanceof ScalarNode) return List.of(node);
        if (!(node instanceof SequenceNode) || !node.getTag().equals(Tag.SEQ)) {
            problems.add(ConfigProblem.invalid(path, describe(path, node), expected));
            return null;
        }
        return ((SequenceNode) node).getValue();
    }

    /**
     * A scalar value after variable substitution. Null (with a problem added) if the node is a map or a list, has a
     * non-standard tag, or uses an unset variable.
     */
    Value scalar(Node node, String path, String expected) {
        if (node != null && !isScalar(node)) {
            problems.add(ConfigProblem.invalid(path, describe(path, node), expected));
            return null;
        }
        return typedValue(node, path);
    }

    /**
     * Like {@link #scalar} but a map, a list or a tagged value gives a {@link Value} with its {@link Shape} instead of
     * a problem, so that the caller's parser states what was expected.
     */
    Value typedValue(Node node, String path) {
        if (node == null || isNull(node)) return new Value(null, null, false, null);
        if (!isScalar(node)) return new Value(null, null, false, new Shape(describe(path, node)));
        Variables.Resolved resolved = variables.resolve(((ScalarNode) node).getValue(), path, problems);
        return resolved == null ? null : new Value(resolved.text(), resolved.origin(), resolved.deferred(), null);
    }

    /**
     * A value parsed by {@code parser}; null after adding a problem, or when the value has a variable and variables
     * are deferred.
     */
    Object typed(Node node, String path, ValueParsers.Parser parser) {
        Value value = typedValue(node, path);
        if (value == null || value.deferred()) return null;
        try {
            return parser.parse(value.raw());
        } catch (InvalidValue e) {
            problems.add(ConfigProblem.invalid(path, Display.value(path, value.raw(), value.origin()), e.expected()));
            return null;
        }
    }

    private static boolean isScalar(Node node) {
        return node instanceof ScalarNode && SCALAR_TAGS.contains(node.getTag());
    }

    /** "a map", "a list", a tagged value, or the scalar's display form. */
    static String describe(String path, Node node) {
        if (node instanceof MappingNode) return node.getTag().equals(Tag.MAP) ? "a map" : "a map tagged " + node.getTag();
        if (node instanceof SequenceNode) return node.getTag().equals(Tag.SEQ) ? "a list" : "a list tagged " + node.getTag();
        if (node instanceof ScalarNode && !SCALAR_TAGS.contains(node.getTag())) return "a value tagged " + node.getTag();
        return node instanceof ScalarNode ? Display.value(path, ((ScalarNode) node).getValue(), null) : "an alias";
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String path(String path) {
        return path.isEmpty() ? "the document" : path;
    }

    /** Names of policies and endpoints: letters, digits, {@code .}, {@code _} and {@code -}. */
    static boolean isName(String name) {
        return name.matches("[A-Za-z0-9][A-Za-z0-9._-]*");
    }

    static Set<String> keys(String... keys) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }
}
