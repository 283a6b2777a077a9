package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;
import dev.llmretry.config.LlmRetryConfigException;

import dev.llmretry.annotation.Jitter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A validated partial set of retry or circuit-breaker settings, keyed by their retry.yaml names. It is the one
 * validation path: retry.yaml policies, {@code methods:} entries, {@code LlmCall}'s builder and annotation attributes
 * (at run time and in the annotation processor) all go through {@link Builder#put}, so they meet the same checks and
 * the same messages ({@link SettingMessages}). A patch names its keys as its source does ({@link Naming}), so one
 * sentence reads naturally for each. Immutable; the builder is not thread-safe.
 *
 * <pre>{@code
 * SettingsPatch patch = SettingsPatch.retryAttributes("@LlmRetry on com.acme.Chat#ask")
 *         .put("max-attempts", 3)
 *         .put("initial-backoff", "500ms")
 *         .put("jitter", Jitter.NONE)
 *         .build();
 * RetrySettings settings = RetrySettings.defaults().apply(patch);
 * // put("max-attempts", 0) throws:
 * // "@LlmRetry on com.acme.Chat#ask: maxAttempts was 0, must be >= 1. Use 1 for a single attempt."
 * // SettingsPatch.retry("retry.yaml", "retry.default").put("max-attempts", 0) throws:
 * // "retry.yaml: retry.default.max-attempts was 0, must be >= 1. Use 1 for a single attempt."
 * }</pre>
 */
public final class SettingsPatch {
    /** Which settings a patch holds, with the keys each accepts. */
    public enum Kind {
        /** Retry policy keys ({@code retry.<name>} in retry.yaml). */
        RETRY("retry", SettingKeys.retry()),
        /** Circuit-breaker policy keys ({@code circuit-breaker.<name>} in retry.yaml). */
        CIRCUIT_BREAKER("circuit-breaker", SettingKeys.breaker());

        private final String section;
        private final Map<String, ValueParsers.Parser> parsers;

        Kind(String section, Map<String, ValueParsers.Parser> parsers) {
            this.section = section;
            this.parsers = Collections.unmodifiableMap(parsers);
        }

        /** The top-level retry.yaml section: {@code retry} or {@code circuit-breaker}. */
        public String section() {
            return section;
        }

        /** The keys this kind accepts, in documentation order. */
        public Set<String> keys() {
            return parsers.keySet();
        }
    }

    /** How messages name a key: as retry.yaml writes it, or as the annotation attribute of the same setting. */
    public enum Naming {
        /** {@code max-attempts}: retry.yaml, {@code methods:} entries, {@code LlmCall}'s builder. */
        YAML,
        /** {@code maxAttempts}: the attributes of {@code @LlmRetry} and {@code @LlmCircuitBreaker}. */
        ATTRIBUTE;

        /** The key as this source writes it: {@code half-open-max-calls} or {@code halfOpenMaxCalls}. */
        public String name(String yamlKey) {
            if (this == YAML) return yamlKey;
            StringBuilder name = new StringBuilder(yamlKey.length());
            for (int i = 0; i < yamlKey.length(); i++) {
                char c = yamlKey.charAt(i);
                if (c == '-' && i + 1 < yamlKey.length()) name.append(Character.toUpperCase(yamlKey.charAt(++i)));
                else name.append(c);
            }
            return name.toString();
        }
    }

    private final Kind kind;
    private final String source;
    private final String pathPrefix;
    private final Naming naming;
    private final Map<String, Object> values;

    private SettingsPatch(Kind kind, String source, String pathPrefix, Naming naming, Map<String, Object> values) {
        this.kind = kind;
        this.source = source;
        this.pathPrefix = pathPrefix;
        this.naming = naming;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Starts a retry patch.
     *
     * @param source     what the values come from, starting every message: {@code "retry.yaml"},
     *                   {@code "@LlmRetry on com.acme.Chat#ask"}
     * @param pathPrefix the key path before each key ({@code "retry.default"}), or {@code ""}
     */
    public static Builder retry(String source, String pathPrefix) {
        return new Builder(Kind.RETRY, source, pathPrefix, Naming.YAML);
    }

    /** Starts a circuit-breaker patch; see {@link #retry(String, String)}. */
    public static Builder breaker(String source, String pathPrefix) {
        return new Builder(Kind.CIRCUIT_BREAKER, source, pathPrefix, Naming.YAML);
    }

    /**
     * Starts a retry patch of {@code @LlmRetry}'s attributes: keys are still put by their retry.yaml names, messages
     * name them as attributes ({@code maxAttempts}).
     *
     * @param source what the values come from, starting every message: {@code "@LlmRetry on com.acme.Chat#ask"}
     */
    public static Builder retryAttributes(String source) {
        return new Builder(Kind.RETRY, source, "", Naming.ATTRIBUTE);
    }

    /** Starts a circuit-breaker patch of {@code @LlmCircuitBreaker}'s attributes; see {@link #retryAttributes}. */
    public static Builder breakerAttributes(String source) {
        return new Builder(Kind.CIRCUIT_BREAKER, source, "", Naming.ATTRIBUTE);
    }

    /** An empty patch of that kind. */
    public static SettingsPatch empty(Kind kind, String source, String pathPrefix) {
        return new SettingsPatch(kind, source, pathPrefix, Naming.YAML, Map.of());
    }

    public Kind kind() {
        return kind;
    }

    /** What the values come from, as given to the builder. */
    public String source() {
        return source;
    }

    /** The key path prefix, as given to the builder. */
    public String pathPrefix() {
        return pathPrefix;
    }

    /** How messages name this patch's keys. */
    public Naming naming() {
        return naming;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The keys set, in the order they were put. */
    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * The parsed value of a key, if set: an {@code Integer}, {@code Double}, {@link java.time.Duration},
     * {@link Jitter}, or for {@code attempt-timeout} an {@code Optional<Duration>} (empty = {@code none}).
     */
    public Optional<Object> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * The full key path of a key as messages name it: {@code retry.default.max-attempts}, just the key without a
     * prefix, or the attribute ({@code maxAttempts}) for {@link Naming#ATTRIBUTE}.
     */
    public String keyPath(String key) {
        return path(pathPrefix, naming.name(key));
    }

    Map<String, Object> values() {
        return values;
    }

    static String path(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingsPatch && ((SettingsPatch) o).kind == kind && ((SettingsPatch) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", kind.section + " {", "}");
        values.forEach((key, v) -> text.add(key + ": " + (v instanceof Optional
                ? ((Optional<?>) v).map(Display::value).orElse("none") : Display.value(v))));
        return text.toString();
    }

    /** Collects and checks values one key at a time; not thread-safe. */
    public static final class Builder {
        private final Kind kind;
        private final String source;
        private final String pathPrefix;
        private final Naming naming;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder(Kind kind, String source, String pathPrefix, Naming naming) {
            this.kind = kind;
            this.source = Objects.requireNonNull(source, "source");
            this.pathPrefix = Objects.requireNonNull(pathPrefix, "pathPrefix");
            this.naming = naming;
        }

        /**
         * Checks and stores one value. {@code raw} may be what YAML gives (usually a string) or what an annotation
         * attribute gives: an {@code Integer}, a {@code Double}, a duration string, a {@link Jitter} constant.
         *
         * @throws LlmRetryConfigException on an unknown key or a value out of range, naming the source, the key path,
         *                                 the value and what was expected
         */
        public Builder put(String yamlKey, Object raw) {
            ConfigProblem problem = tryPut(yamlKey, raw, null);
            if (problem != null) throw LlmRetryConfigException.of(source, problem);
            return this;
        }

        /** Like {@link #put} but returns the problem instead of throwing; {@code origin} is the text before substitution. */
        ConfigProblem tryPut(String yamlKey, Object raw, String origin) {
            ValueParsers.Parser parser = kind.parsers.get(yamlKey);
            if (parser == null) return SettingKeys.unknownKey(path(pathPrefix, yamlKey), yamlKey, kind.keys());
            String keyPath = path(pathPrefix, naming.name(yamlKey));
            try {
                values.put(yamlKey, parser.parse(raw));
                return null;
            } catch (InvalidValue e) {
                return SettingMessages.invalid(keyPath, Display.value(keyPath, raw, origin), e.expected(), e.fix());
            }
        }

        /** The unknown-key problem for {@code yamlKey}, or null if the key is known; stores nothing. */
        ConfigProblem checkKey(String yamlKey) {
            return kind.parsers.containsKey(yamlKey) ? null : SettingKeys.unknownKey(path(pathPrefix, yamlKey), yamlKey, kind.keys());
        }

        /** The immutable patch of the values put so far. */
        public SettingsPatch build() {
            return new SettingsPatch(kind, source, pathPrefix, naming, values);
        }
    }
}
