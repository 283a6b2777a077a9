package dev.llmretry.processor;

import java.io.StringReader;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The line of a key path ({@code retry.default.max-attempts}, {@code endpoints.iag.proxy.no-proxy[0]}) in a YAML
 * text, so that a diagnostic can point at it. Keys may contain dots ({@code methods: com.acme.Chat#ask:}), quoted in
 * the path or not: at each level the longest key that the path continues with wins. Stateless.
 */
final class KeyLines {
    private KeyLines() {
    }

    /** The 1-based line of the deepest part of {@code keyPath} found in {@code text}; 0 when none is. */
    static int find(String text, String keyPath) {
        if (keyPath == null || keyPath.isEmpty()) return 0;
        Node node;
        try {
            node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (RuntimeException e) {
            return 0;
        }
        int line = 0;
        String rest = keyPath;
        while (node != null && !rest.isEmpty()) {
            Node next = null;
            if (node instanceof MappingNode map) {
                NodeTuple best = null;
                if (rest.startsWith("\"") && rest.indexOf('"', 1) > 0) {     // methods."com.acme.Chat#ask".retry
                    int close = rest.indexOf('"', 1);
                    rest = rest.substring(1, close) + rest.substring(close + 1);
                }
                for (NodeTuple t : map.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode key && continues(rest, key.getValue())
                            && (best == null || key.getValue().length() > ((ScalarNode) best.getKeyNode()).getValue().length())) {
                        best = t;
                    }
                }
                if (best == null) break;
                String key = ((ScalarNode) best.getKeyNode()).getValue();
                line = best.getKeyNode().getStartMark().getLine() + 1;
                rest = strip(rest.substring(key.length()));
                next = best.getValueNode();
            } else if (node instanceof SequenceNode seq && rest.startsWith("[")) {
                int close = rest.indexOf(']');
                int index = close > 1 ? parse(rest.substring(1, close)) : -1;
                List<Node> items = seq.getValue();
                if (index < 0 || index >= items.size()) break;
                next = items.get(index);
                line = next.getStartMark().getLine() + 1;
                rest = strip(rest.substring(close + 1));
            }
            node = next;
        }
        return line;
    }

    private static boolean continues(String path, String key) {
        return path.startsWith(key) && (path.length() == key.length() || path.charAt(key.length()) == '.'
                || path.charAt(key.length()) == '[');
    }

    private static String strip(String rest) {
        return rest.startsWith(".") ? rest.substring(1) : rest;
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
