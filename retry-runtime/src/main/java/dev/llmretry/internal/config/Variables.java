package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code ${VAR}} and {@code ${VAR:default}} substitution in one scalar value; {@code $${} is a literal {@code ${}. A
 * default may itself hold variables: {@code ${A:${B:x}}} is A, else B, else x (at most 8 levels).
 * Runs on parsed scalars, never on the raw file, so a variable's value cannot change the YAML structure, and the
 * substituted text is not scanned again. In deferred mode (compile-time checks) nothing is looked up: a value with
 * a variable is reported as deferred and not type-checked.
 */
final class Variables {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final int MAX_NESTING = 8;

    /** A substituted value: {@code origin} is the text before substitution if it had a variable, else null. */
    record Resolved(String text, String origin, boolean deferred) {
    }

    private final Function<String, String> lookup;

    private Variables(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    static Variables resolving(Function<String, String> lookup) {
        return new Variables(Objects.requireNonNull(lookup, "variables"));
    }

    static Variables deferred() {
        return new Variables(null);
    }

    boolean isDeferred() {
        return lookup == null;
    }

    /** The substituted value, or null after adding a problem. */
    Resolved resolve(String raw, String keyPath, List<ConfigProblem> problems) {
        if (raw.indexOf('$') < 0) return new Resolved(raw, null, false);
        List<String> unset = new ArrayList<>();
        boolean[] hasVariable = {false};
        String out = substitute(raw, raw, keyPath, problems, unset, hasVariable, 0);
        if (out == null) return null;
        if (!unset.isEmpty()) {
            problems.add(unsetProblem(keyPath, raw, unset));
            return null;
        }
        return new Resolved(out, hasVariable[0] ? raw : null, hasVariable[0] && lookup == null);
    }

    /**
     * Substitutes {@code text}: the value, or a default inside it ({@code ${A:${B:x}}} nests: A, else B, else x).
     * Returns null after adding a problem; adds unset variables without a default to {@code unset}.
     */
    private String substitute(String text, String raw, String keyPath, List<ConfigProblem> problems, List<String> unset,
                              boolean[] hasVariable, int depth) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = closing(text, i + 2);
                if (end < 0) {
                    problems.add(problem(keyPath, raw, "has \"${\" without a closing \"}\"; close it, or write $${ for a literal ${"));
                    return null;
                }
                String inner = text.substring(i + 2, end);
                int colon = inner.indexOf(':');
                String name = colon < 0 ? inner : inner.substring(0, colon);
                if (!NAME.matcher(name).matches()) {
                    String shown = Display.isSecretPath(keyPath) ? "an invalid variable reference" : "${" + inner + "}";
                    problems.add(problem(keyPath, raw, "has " + shown + ", which is not a valid variable name "
                            + "(letters, digits, _, . and -, not starting with a digit); write $${ for a literal ${"));
                    return null;
                }
                hasVariable[0] = true;
                String value = lookup == null ? "" : lookup.apply(name);
                if (value == null && colon >= 0) {
                    if (depth >= MAX_NESTING) {
                        problems.add(problem(keyPath, raw, "nests defaults more than " + MAX_NESTING + " deep"));
                        return null;
                    }
                    value = substitute(inner.substring(colon + 1), raw, keyPath, problems, unset, hasVariable, depth + 1);
                    if (value == null) return null;
                }
                if (value == null) unset.add(name);
                else out.append(value);
                i = end + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /** The index of the "}" that closes a "${" whose name starts at {@code from}, skipping nested ones; or -1. */
    private static int closing(String text, int from) {
        int depth = 0;
        for (int j = from; j < text.length(); j++) {
            if (text.startsWith("$${", j)) {
                j += 2;
            } else if (text.startsWith("${", j)) {
                depth++;
                j++;
            } else if (text.charAt(j) == '}') {
                if (depth == 0) return j;
                depth--;
            }
        }
        return -1;
    }

    private static ConfigProblem unsetProblem(String keyPath, String raw, List<String> names) {
        String refs = names.stream().map(n -> "${" + n + "}").collect(Collectors.joining(", "));
        String fix = names.size() == 1
                ? "set the environment variable or system property " + names.get(0) + ", or give a default: ${"
                        + names.get(0) + ":value}"
                : "set them as environment variables or system properties, or give defaults: ${" + names.get(0)
                        + ":value}";
        String message = keyPath + " uses " + refs + (names.size() == 1 ? ", which is not set; " : ", which are not set; ") + fix;
        return ConfigProblem.of(keyPath, Display.value(keyPath, raw, null), "a set variable or a default", message);
    }

    private static ConfigProblem problem(String keyPath, String raw, String what) {
        return ConfigProblem.of(keyPath, Display.value(keyPath, raw, null), "a valid ${NAME} or ${NAME:default}",
                keyPath + " " + what);
    }
}
