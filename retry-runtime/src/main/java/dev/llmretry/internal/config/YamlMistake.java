package dev.llmretry.internal.config;

import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Where a YAML syntax mistake is. SnakeYAML marks where it noticed the problem, which is often a line late: for a
 * {@code {}, {@code [} or quote left open it is the next key (at the opening line's level or less) or the end of the
 * file, so the context mark, where the thing was opened, is used instead; for a key written without its colon it is
 * the colon of the next line (a plain scalar runs on across lines). A mistake inside a collection that spans lines
 * keeps SnakeYAML's mark. Immutable.
 *
 * @param line   1-based
 * @param column 1-based
 * @param hint   a better description than SnakeYAML's, or null
 */
record YamlMistake(int line, int column, String hint) {
    private static final List<String> OPENED = List.of("flow mapping", "flow sequence", "quoted scalar");

    /** The mistake's place, or null when SnakeYAML gave none. */
    static YamlMistake locate(MarkedYAMLException e, String text) {
        Mark problem = e.getProblemMark();
        Mark context = e.getContextMark();
        if (problem == null) return context == null ? null : at(context, null);
        if (context != null && context.getLine() < problem.getLine() && e.getContext() != null
                && OPENED.stream().anyMatch(e.getContext()::contains)
                && (endOfStream(e) || indent(text, problem.getLine()) <= indent(text, context.getLine()))) {
            return at(context, null); // never closed: the document ended, or the next key came at its level
        }
        if ("mapping values are not allowed here".equals(e.getProblem())) {
            List<String> lines = text.lines().toList();
            for (int i = problem.getLine() - 1; i >= 0 && i < lines.size(); i--) {
                String l = lines.get(i).strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                if (l.contains(":") || l.startsWith("-")) break;
                return new YamlMistake(i + 1, 1, "a key without ':' before its value (YAML reads the next line as "
                        + "part of it, and then says: mapping values are not allowed here)");
            }
        }
        return at(problem, null);
    }

    private static boolean endOfStream(MarkedYAMLException e) {
        String p = String.valueOf(e.getProblem());
        return p.contains("<stream end>") || p.contains("end of stream");
    }

    private static int indent(String text, int line) {
        String l = text.lines().skip(line).findFirst().orElse("");
        return l.length() - l.stripLeading().length();
    }

    private static YamlMistake at(Mark mark, String hint) {
        return new YamlMistake(mark.getLine() + 1, mark.getColumn() + 1, hint);
    }
}
