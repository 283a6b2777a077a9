package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;
import dev.llmretry.config.LlmRetryConfigException;

import java.io.StringReader;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses retry.yaml text into a SnakeYAML node tree, safely: no object construction at all (the tree is read by
 * {@link NodeReader}), few aliases, bounded size and depth, no global tags. Every SnakeYAML failure becomes an
 * {@link LlmRetryConfigException} with the line and column, but never the offending text (it may hold a secret).
 */
final class YamlParser {
    /** Largest document accepted, in code points. */
    static final int MAX_CODE_POINTS = 3 * 1024 * 1024;
    static final int MAX_ALIASES = 50;
    static final int MAX_DEPTH = 20;

    private static final Pattern SECRET_LINE = Pattern.compile("(?i).*(api[-_]?key|password|secret|token).*");

    private YamlParser() {
    }

    /** The root node, or null for an empty document (nothing, or only comments). */
    static Node parse(String source, String text) {
        if (text.length() > MAX_CODE_POINTS && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            throw fail(source, "", "the file is larger than " + MAX_CODE_POINTS + " characters; a retry.yaml is a few kilobytes");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMergeOnCompose(false);
        try {
            return new Yaml(new SafeConstructor(options)).compose(new StringReader(stripByteOrderMark(text)));
        } catch (MarkedYAMLException e) {
            YamlMistake mark = YamlMistake.locate(e, text);
            String where = mark == null ? "" : "line " + mark.line() + ", column " + mark.column() + ": ";
            String line = mark == null ? "" : text.lines().skip(mark.line() - 1).findFirst().orElse("");
            String what = mark != null && mark.hint() != null ? mark.hint() : describe(e);
            if (mark != null && isUnquotedVariableInFlow(e, line, mark.column() - 1)) {
                what = "a ${VAR} inside { } or [ ] must be quoted, like \"${VAR}\" (or use one key per line)";
            } else if (SECRET_LINE.matcher(line).matches()) {
                what = "invalid YAML (details hidden: the line holds a secret)";
            }
            throw fail(source, "", where + what);
        } catch (YAMLException | StackOverflowError e) {
            throw fail(source, "", "invalid YAML: " + limitMessage(e));
        }
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem().strip();
        String context = e.getContext() == null ? "" : " (" + e.getContext().strip() + ")";
        return problem + context;
    }

    private static String limitMessage(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("aliases")) {
            return "more than " + MAX_ALIASES + " aliases (*name) to maps or lists; a retry.yaml needs only a few";
        }
        if (message.contains("Nesting Depth")) {
            return "nested deeper than " + MAX_DEPTH + " levels";
        }
        if (e instanceof StackOverflowError) {
            return "nested too deeply";
        }
        return message.lines().findFirst().orElse(message);
    }

    /** Plain scalars end at '{' inside a flow collection, so an unquoted {@code ${VAR}} there is a YAML error. */
    private static boolean isUnquotedVariableInFlow(MarkedYAMLException e, String line, int column) {
        return e.getProblem() != null && e.getProblem().endsWith("but got {") && column > 0 && column <= line.length()
                && line.charAt(column - 1) == '$';
    }

    private static String stripByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static LlmRetryConfigException fail(String source, String keyPath, String message) {
        return new LlmRetryConfigException(source, List.of(ConfigProblem.of(keyPath, null, "valid YAML", message)));
    }
}
