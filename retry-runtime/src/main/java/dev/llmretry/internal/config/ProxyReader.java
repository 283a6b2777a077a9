package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads one endpoint's {@code proxy:} map. */
final class ProxyReader {
    static final Set<String> KEYS = NodeReader.keys("http", "https", "no-proxy", "username", "password");

    private static final Pattern HOST_RULE = Pattern.compile(
            "\\*|\\.?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*|\\[?[0-9a-f:.]*:[0-9a-f:.]*]?");
    private static final String NO_PROXY_EXPECTED = "a host (localhost, 127.0.0.1), a domain (.corp.local) or *";

    private ProxyReader() {
    }

    /** The proxy, or null if the endpoint has none (or it has problems, which are added). */
    static ProxySettings read(NodeReader reader, Node node, String path) {
        Map<String, Node> keys = reader.mapping(node, path, "a map with " + String.join(", ", KEYS));
        if (keys == null || keys.isEmpty()) return null;
        int before = reader.problems.size();
        reader.checkKeys(keys, path, KEYS);
        URI http = proxyUri(reader, keys.get("http"), path + ".http");
        URI https = proxyUri(reader, keys.get("https"), path + ".https");
        List<String> noProxy = noProxy(reader, keys.get("no-proxy"), path + ".no-proxy");
        String username = EndpointReader.text(reader, keys.get("username"), path + ".username");
        String password = EndpointReader.text(reader, keys.get("password"), path + ".password");
        if (!password.isEmpty() && username.isEmpty()) {
            reader.problems.add(ConfigProblem.of(path + ".username", null, "a user name with the password",
                    path + ".password is set but " + path + ".username is not; set both, or neither"));
        }
        if (reader.problems.size() > before) return null;
        return new ProxySettings(http, https, noProxy, username, password);
    }

    private static URI proxyUri(NodeReader reader, Node node, String path) {
        NodeReader.Value value = reader.scalar(node, path, "an http:// proxy URL like http://proxy:8080");
        if (value == null || value.deferred() || value.text() == null || value.text().isBlank()) return null;
        String problem = EndpointReader.checkUrl(value.text(), true);
        if (problem != null) {
            reader.problems.add(ConfigProblem.invalid(path, Display.value(path, value.text(), value.origin()), problem));
            return null;
        }
        return URI.create(value.text().strip());
    }

    /** A list, or one text of comma-separated rules (as in the NO_PROXY variable); empty rules are skipped. */
    private static List<String> noProxy(NodeReader reader, Node node, String path) {
        List<Node> items = reader.sequence(node, path, "a list of hosts, like [localhost, .corp.local]");
        List<String> rules = new ArrayList<>();
        if (items == null) return rules;
        for (int i = 0; i < items.size(); i++) {
            String itemPath = node instanceof SequenceNode ? path + "[" + i + "]" : path;
            NodeReader.Value value = reader.scalar(items.get(i), itemPath, NO_PROXY_EXPECTED);
            if (value == null || value.deferred() || value.text() == null) continue;
            for (String part : value.text().split(",")) {
                String rule = part.strip().toLowerCase(Locale.ROOT);
                if (rule.isEmpty()) continue;
                if (rule.startsWith("*.")) rule = rule.substring(1);
                if (HOST_RULE.matcher(rule).matches()) {
                    rules.add(rule);
                } else {
                    String expected = rule.contains("/") ? NO_PROXY_EXPECTED + " (address ranges are not supported)" : NO_PROXY_EXPECTED;
                    reader.problems.add(ConfigProblem.invalid(itemPath, Display.value(itemPath, part.strip(), value.origin()), expected));
                }
            }
        }
        return rules;
    }
}
