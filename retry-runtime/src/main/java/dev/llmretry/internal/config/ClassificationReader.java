package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;

import dev.llmretry.classify.Decision;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code classification:} section. A status, error code or exception class may appear under one decision
 * only; message patterns are compiled case-insensitively. Exception classes are checked for shape, never loaded.
 */
final class ClassificationReader {
    static final Set<String> RULE_KEYS = NodeReader.keys("status", "error-codes", "exceptions", "message-patterns");

    private static final Pattern CLASS_NAME = Pattern.compile(
            "(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*\\.)+\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");
    private static final ValueParsers.Parser STATUS = raw -> {
        long status = ValueParsers.integer(raw, "an HTTP status code from 100 to 599");
        if (status < 100 || status > 599) throw new InvalidValue("an HTTP status code from 100 to 599");
        return (int) status;
    };

    private final NodeReader reader;
    private final Map<Object, String> owners = new HashMap<>();

    private ClassificationReader(NodeReader reader) {
        this.reader = reader;
    }

    static ClassificationSettings read(NodeReader reader, Node section) {
        Map<String, Node> decisions = reader.mapping(section, "classification", "a map with retry, failover, abort");
        if (decisions == null || decisions.isEmpty()) return ClassificationSettings.empty();
        Set<String> known = new LinkedHashSet<>();
        for (Decision d : Decision.values()) known.add(d.name().toLowerCase(Locale.ROOT));
        reader.checkKeys(decisions, "classification", known);
        ClassificationReader classification = new ClassificationReader(reader);
        Map<Decision, ClassificationSettings.Rules> rules = new EnumMap<>(Decision.class);
        for (Decision decision : Decision.values()) {
            String name = decision.name().toLowerCase(Locale.ROOT);
            if (decisions.containsKey(name)) rules.put(decision, classification.rules(decisions.get(name), "classification." + name));
        }
        return new ClassificationSettings(rules);
    }

    private ClassificationSettings.Rules rules(Node node, String path) {
        Map<String, Node> keys = reader.mapping(node, path, "a map with " + String.join(", ", RULE_KEYS));
        if (keys == null) return ClassificationSettings.Rules.NONE;
        reader.checkKeys(keys, path, RULE_KEYS);
        Set<Integer> statuses = new LinkedHashSet<>();
        Set<String> errorCodes = new LinkedHashSet<>();
        List<String> exceptions = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        each(keys.get("status"), path + ".status", (itemPath, node1) -> {
            Object status = reader.typed(node1, itemPath, STATUS);
            if (status != null && owned(status, itemPath, path + ".status")) statuses.add((Integer) status);
        });
        each(keys.get("error-codes"), path + ".error-codes", (itemPath, node1) -> {
            String code = text(node1, itemPath, "a provider error code like insufficient_quota");
            if (code != null && owned("code:" + code, itemPath, path + ".error-codes")) errorCodes.add(code);
        });
        each(keys.get("exceptions"), path + ".exceptions", (itemPath, node1) -> {
            String type = text(node1, itemPath, "a fully-qualified class name like java.io.IOException");
            if (type == null) return;
            if (!CLASS_NAME.matcher(type).matches()) {
                reader.problems.add(ConfigProblem.invalid(itemPath, Display.value(type),
                        "a fully-qualified class name like java.io.IOException"));
            } else if (owned("class:" + type, itemPath, path + ".exceptions") && !exceptions.contains(type)) {
                exceptions.add(type);
            }
        });
        each(keys.get("message-patterns"), path + ".message-patterns", (itemPath, node1) -> {
            String regex = text(node1, itemPath, "a Java regular expression");
            if (regex == null) return;
            try {
                patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (PatternSyntaxException e) {
                reader.problems.add(ConfigProblem.invalid(itemPath, Display.value(regex),
                        "a Java regular expression (" + e.getDescription() + " near index " + e.getIndex() + ")"));
            }
        });
        return new ClassificationSettings.Rules(statuses, errorCodes, exceptions, patterns);
    }

    private interface ItemReader {
        void read(String itemPath, Node node);
    }

    private void each(Node node, String path, ItemReader item) {
        List<Node> items = reader.sequence(node, path, "a list, like [425, 429]");
        if (items == null) return;
        for (int i = 0; i < items.size(); i++) {
            item.read(node instanceof SequenceNode ? path + "[" + i + "]" : path, items.get(i));
        }
    }

    private String text(Node node, String path, String expected) {
        NodeReader.Value value = reader.scalar(node, path, expected);
        if (value == null || value.deferred()) return null;
        if (value.text() == null || value.text().isBlank()) {
            reader.problems.add(ConfigProblem.invalid(path, Display.value(value.text()), expected));
            return null;
        }
        return value.text().strip();
    }

    /** Records which list a status, code or class is in; false (with a problem) if another decision has it. */
    private boolean owned(Object key, String itemPath, String listPath) {
        String owner = owners.putIfAbsent(key, listPath);
        if (owner == null || owner.equals(listPath)) return true;
        String shown = key.toString().replaceFirst("^(code|class):", "");
        reader.problems.add(ConfigProblem.of(itemPath, shown, "a value in one decision only", itemPath + " was " + shown
                + ", which is already in " + owner + "; each one can have only one decision"));
        return false;
    }
}
