package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;
import dev.llmretry.config.LlmRetryConfigException;

import dev.llmretry.annotation.FailoverStrategy;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a whole retry.yaml node tree into an {@link LlmRetryConfig}, collecting every problem. The same code builds
 * the built-in defaults (from an empty document), so they cannot drift from what an empty file gives.
 */
final class ConfigReader {
    static final Set<String> TOP_LEVEL = NodeReader.keys("retry", "circuit-breaker", "endpoints", "failover",
            "classification", "methods", "health");
    static final Set<String> FAILOVER_KEYS = NodeReader.keys("enabled", "strategy");
    static final Set<String> HEALTH_KEYS = NodeReader.keys("file", "window", "store", "redis-uri");

    private static final ValueParsers.Parser BOOLEAN = ValueParsers::bool;
    private static final ValueParsers.Parser STRATEGY = ValueParsers.enumeration(FailoverStrategy.class,
            FailoverStrategy.POLICY);
    private static final ValueParsers.Parser WINDOW = ValueParsers.duration(true);

    private ConfigReader() {
    }

    /**
     * @param root null for an empty document
     * @throws LlmRetryConfigException listing every problem
     */
    static LlmRetryConfig read(String source, Node root, Variables variables) {
        NodeReader reader = new NodeReader(variables);
        LlmRetryConfig config = read(source, root, reader);
        if (!reader.problems.isEmpty()) throw new LlmRetryConfigException(source, reader.problems);
        return config;
    }

    /** Every problem, without building anything that depends on variables (they are deferred). */
    static List<ConfigProblem> check(String source, Node root) {
        NodeReader reader = new NodeReader(Variables.deferred());
        read(source, root, reader);
        return List.copyOf(reader.problems);
    }

    private static LlmRetryConfig read(String source, Node root, NodeReader reader) {
        Map<String, Node> top = reader.mapping(root, "", "a map with " + String.join(", ", TOP_LEVEL));
        if (top == null) return null;
        reader.checkKeys(top, "", TOP_LEVEL);
        PolicyReader<RetrySettings> retryReader = PolicyReader.retry();
        PolicyReader<BreakerSettings> breakerReader = PolicyReader.breaker();
        Map<String, RetrySettings> retry;
        Map<String, BreakerSettings> breakers;
        Set<String> retryNames;
        Set<String> breakerNames;
        if (reader.variables.isDeferred()) {
            retry = Map.of();
            breakers = Map.of();
            retryNames = retryReader.names(retryReader.readPatches(reader, top.get("retry"), source));
            breakerNames = breakerReader.names(breakerReader.readPatches(reader, top.get("circuit-breaker"), source));
        } else {
            retry = retryReader.read(reader, top.get("retry"), source);
            breakers = breakerReader.read(reader, top.get("circuit-breaker"), source);
            retryNames = retry.keySet();
            breakerNames = breakers.keySet();
        }
        return new LlmRetryConfig(source, retry, breakers,
                EndpointReader.read(reader, top.get("endpoints"), breakerNames),
                failover(reader, top.get("failover")),
                ClassificationReader.read(reader, top.get("classification")),
                MethodsReader.read(reader, top.get("methods"), source, retryNames, breakerNames),
                health(reader, top.get("health")));
    }

    private static FailoverSettings failover(NodeReader reader, Node node) {
        Map<String, Node> keys = reader.mapping(node, "failover", "a map with enabled and strategy");
        if (keys == null) return FailoverSettings.defaults();
        reader.checkKeys(keys, "failover", FAILOVER_KEYS);
        FailoverSettings defaults = FailoverSettings.defaults();
        Object enabled = keys.containsKey("enabled") ? reader.typed(keys.get("enabled"), "failover.enabled", BOOLEAN) : null;
        Object strategy = keys.containsKey("strategy") ? reader.typed(keys.get("strategy"), "failover.strategy", STRATEGY) : null;
        return FailoverSettings.of(enabled == null ? defaults.enabled() : (Boolean) enabled,
                strategy == null ? defaults.strategy() : (FailoverStrategy) strategy);
    }

    private static HealthSettings health(NodeReader reader, Node node) {
        Map<String, Node> keys = reader.mapping(node, "health", "a map with file, window, store and redis-uri");
        if (keys == null) return HealthSettings.defaults();
        reader.checkKeys(keys, "health", HEALTH_KEYS);
        Path file = null;
        NodeReader.Value value = reader.scalar(keys.get("file"), "health.file", "a file path");
        if (value != null && !value.deferred() && value.text() != null && !value.text().isBlank()) {
            try {
                file = Path.of(value.text().strip());
            } catch (InvalidPathException e) {
                reader.problems.add(ConfigProblem.invalid("health.file", Display.value("health.file", value.text(),
                        value.origin()), "a file path (" + e.getReason() + ")"));
            }
        }
        Object window = keys.containsKey("window") ? reader.typed(keys.get("window"), "health.window", WINDOW) : null;
        return store(reader, keys, file, window == null ? HealthSettings.defaults().window() : (Duration) window);
    }

    /** {@code health.store} (a lower-case name; {@code redis} needs {@code redis-uri}) and {@code health.redis-uri}. */
    private static HealthSettings store(NodeReader reader, Map<String, Node> keys, Path file, Duration window) {
        HealthSettings local = HealthSettings.of(file, window);
        NodeReader.Value name = reader.scalar(keys.get("store"), "health.store", "local or redis");
        NodeReader.Value uri = reader.scalar(keys.get("redis-uri"), "health.redis-uri", "a redis:// or rediss:// URI");
        String store = name == null || name.deferred() || name.text() == null || name.text().isBlank()
                ? HealthSettings.LOCAL : name.text().strip();
        if (!store.matches("[a-z][a-z0-9-]*")) {
            reader.problems.add(ConfigProblem.invalid("health.store", Display.value("health.store", name.text(),
                    name.origin()), "local or redis (a store's name, lower case)"));
            return local;
        }
        boolean uriGiven = keys.containsKey("redis-uri");
        if ("redis".equals(store) && !uriGiven) {
            reader.problems.add(ConfigProblem.of("health.redis-uri", null, "a redis:// or rediss:// URI",
                    "health.redis-uri is missing; health.store: redis needs it, like redis://cache.internal:6379"));
            return local;
        }
        if (uriGiven && !"redis".equals(store)) {
            reader.problems.add(ConfigProblem.of("health.redis-uri", null, "health.store: redis",
                    "health.redis-uri is set but health.store is " + store + "; add store: redis to share circuits through it"));
            return local;
        }
        String text = uri == null || uri.deferred() || uri.text() == null ? null : uri.text().strip();
        String problem = text == null ? null : HealthSettings.checkRedisUri(text);
        if (problem != null) {
            reader.problems.add(ConfigProblem.invalid("health.redis-uri", Display.value("health.redis-uri",
                    UrlSecrets.mask(text), uri.origin()), problem));
            return local;
        }
        return HealthSettings.of(file, window, store, text);
    }
}
