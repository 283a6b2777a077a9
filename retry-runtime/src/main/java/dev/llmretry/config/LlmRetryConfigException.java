package dev.llmretry.config;

import dev.llmretry.internal.config.ConfigLoader;

import java.util.List;
import java.util.Objects;

/**
 * A configuration (retry.yaml, annotation attributes, a {@code methods:} entry) that cannot be used. It lists every
 * problem found, not just the first; its message never contains a secret. Immutable.
 *
 * <pre>{@code
 * try {
 *     ConfigLoader.load();
 * } catch (LlmRetryConfigException e) {
 *     // "retry.yaml: retry.default.max-attempts was 0, must be >= 1. Use 1 for a single attempt.", or for several:
 *     // "retry.yaml has 2 problems:\n  retry.default.max-attempts was 0, ...\n  endpoints.iag.url ..."
 *     e.problems().forEach(p -> System.err.println(p.keyPath()));
 * }
 * }</pre>
 */
public class LlmRetryConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_LINES = 50;

    private final String source;
    private final transient List<ConfigProblem> problems;

    /**
     * @param source   what was read: {@code "retry.yaml"}, a file path, {@code "@LlmRetry on com.acme.Chat#ask"}
     * @param problems at least one problem
     */
    public LlmRetryConfigException(String source, List<ConfigProblem> problems) {
        super(format(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** An exception with one problem. */
    public static LlmRetryConfigException of(String source, ConfigProblem problem) {
        return new LlmRetryConfigException(source, List.of(problem));
    }

    /** What was read: a file name or path, or the annotation and method. */
    public String source() {
        return source;
    }

    /** Every problem found, in the order they occur; never empty. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(String source, List<ConfigProblem> problems) {
        Objects.requireNonNull(source, "source");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration exception needs at least one problem");
        }
        if (problems.size() == 1) {
            return source + ": " + problems.get(0).message();
        }
        StringBuilder text = new StringBuilder(source).append(" has ").append(problems.size()).append(" problems:");
        problems.stream().limit(MAX_LINES).forEach(p -> text.append("\n  ").append(p.message()));
        if (problems.size() > MAX_LINES) {
            text.append("\n  ... and ").append(problems.size() - MAX_LINES).append(" more");
        }
        return text.toString();
    }
}
