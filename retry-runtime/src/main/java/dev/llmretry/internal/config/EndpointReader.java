package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code endpoints:} section, each endpoint's {@code proxy:} included. */
final class EndpointReader {
    static final Set<String> KEYS = NodeReader.keys("url", "model", "api-key", "priority", "circuit-breaker",
            "properties", "proxy");
    static final String URL_EXPECTED = "an absolute http:// or https:// URL like https://api.example.com/v1";

    private static final ValueParsers.Parser PRIORITY = raw -> {
        long value = ValueParsers.integer(raw, "an integer");
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) throw new InvalidValue("an integer");
        return (int) value;
    };

    private EndpointReader() {
    }

    /** The endpoints in file order; {@code breakerPolicies} are the names an endpoint's circuit-breaker may use. */
    static Map<String, EndpointSettings> read(NodeReader reader, Node section, Set<String> breakerPolicies) {
        Map<String, Node> entries = reader.mapping(section, "endpoints", "a map of named endpoints, like iag: { url: ... }");
        Map<String, EndpointSettings> endpoints = new LinkedHashMap<>();
        if (entries == null) return endpoints;
        int position = 0;
        for (Map.Entry<String, Node> entry : entries.entrySet()) {
            position++;
            String name = entry.getKey();
            String path = "endpoints." + name;
            if (!NodeReader.isName(name)) {
                reader.problems.add(ConfigProblem.of(path, null, "a name of letters, digits, '.', '_' or '-'",
                        path + " is not a valid endpoint name; use letters, digits, '.', '_' or '-'"));
                continue;
            }
            EndpointSettings endpoint = endpoint(reader, name, entry.getValue(), position, breakerPolicies);
            if (endpoint != null) endpoints.put(name, endpoint);
        }
        return Collections.unmodifiableMap(endpoints);
    }

    private static EndpointSettings endpoint(NodeReader reader, String name, Node node, int position,
                                             Set<String> breakerPolicies) {
        String path = "endpoints." + name;
        Map<String, Node> keys = reader.mapping(node, path, "a map with " + String.join(", ", KEYS));
        if (keys == null) return null;
        int before = reader.problems.size();
        reader.checkKeys(keys, path, KEYS);
        String url = url(reader, keys, path);
        String model = text(reader, keys.get("model"), path + ".model");
        String apiKey = text(reader, keys.get("api-key"), path + ".api-key");
        Object priority = keys.containsKey("priority") ? reader.typed(keys.get("priority"), path + ".priority", PRIORITY) : null;
        String breaker = reference(reader, keys.get("circuit-breaker"), path + ".circuit-breaker",
                "circuit-breaker policies", breakerPolicies);
        Map<String, String> properties = properties(reader, keys.get("properties"), path + ".properties");
        ProxySettings proxy = ProxyReader.read(reader, keys.get("proxy"), path + ".proxy");
        if (reader.problems.size() > before) return null;
        return new EndpointSettings(name, url, model, apiKey, priority == null ? position : (Integer) priority,
                breaker == null ? PolicyReader.DEFAULT : breaker, properties, proxy);
    }

    private static String url(NodeReader reader, Map<String, Node> keys, String path) {
        String urlPath = path + ".url";
        if (!keys.containsKey("url")) {
            reader.problems.add(ConfigProblem.of(urlPath, null, URL_EXPECTED,
                    urlPath + " is missing; every endpoint needs " + URL_EXPECTED));
            return null;
        }
        NodeReader.Value value = reader.scalar(keys.get("url"), urlPath, URL_EXPECTED);
        if (value == null || value.deferred()) return "";
        String problem = checkUrl(value.text(), false);
        if (problem != null) {
            reader.problems.add(ConfigProblem.invalid(urlPath, Display.value(urlPath, value.text(), value.origin()), problem));
        }
        return value.text() == null ? "" : value.text().strip();
    }

    /** What is wrong with an endpoint or proxy URL (as "expected" text), or null if it is fine. */
    static String checkUrl(String text, boolean proxy) {
        String expected = proxy ? "an http:// or https:// proxy URL like http://proxy:8080" : URL_EXPECTED;
        if (text == null || text.isBlank()) return expected;
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            return expected;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return expected;
        }
        if (uri.getRawUserInfo() != null) {
            return expected + ", without credentials (use " + (proxy ? "username and password)" : "api-key or properties)");
        }
        if (proxy && (uri.getRawQuery() != null || !(uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")))) {
            return expected + ", without a path";
        }
        return null;
    }

    /** A plain text value; an empty value gives {@code ""}. */
    static String text(NodeReader reader, Node node, String path) {
        NodeReader.Value value = reader.scalar(node, path, "text");
        return value == null || value.text() == null ? "" : value.text();
    }

    /** The name of a policy that must exist; null when absent, deferred, or (with a problem) unknown. */
    static String reference(NodeReader reader, Node node, String path, String what, Set<String> names) {
        NodeReader.Value value = reader.scalar(node, path, "the name of one of the " + what);
        if (value == null || value.deferred() || (node == null)) return null;
        String name = value.text() == null ? "" : value.text().strip();
        if (names.contains(name)) return name;
        String expected = "one of the " + what + ": " + String.join(", ", names);
        ConfigProblem invalid = ConfigProblem.invalid(path, Display.value(path, value.text(), value.origin()), expected);
        reader.problems.add(ConfigProblem.of(path, invalid.value(), expected, invalid.message()
                + Suggestions.didYouMean(name, names)));
        return null;
    }

    private static Map<String, String> properties(NodeReader reader, Node node, String path) {
        Map<String, Node> entries = reader.mapping(node, path, "a map of names to text values");
        Map<String, String> properties = new LinkedHashMap<>();
        if (entries == null) return properties;
        entries.forEach((key, value) -> properties.put(key, text(reader, value, path + "." + key)));
        return properties;
    }
}
