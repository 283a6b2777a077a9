package dev.llmretry.examples;

import dev.llmretry.testing.FakeLlmServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The three fake LLM endpoints of the demo, {@code iag}, {@code oneapi} and {@code litellm}, each a real
 * {@link FakeLlmServer} on a random loopback port. Counts every request across scenarios (a server's own count
 * restarts whenever its script is reset). Not thread-safe: used by the demo's main thread only.
 */
public final class DemoServers implements AutoCloseable {
    /** The endpoint names, in priority order, as in the demo's retry.yaml. */
    public static final List<String> NAMES = List.of("iag", "oneapi", "litellm");

    private final Map<String, FakeLlmServer> servers = new LinkedHashMap<>();
    private final Map<String, Integer> earlier = new LinkedHashMap<>();

    private DemoServers() {
    }

    /** Starts the three servers. */
    public static DemoServers start() {
        DemoServers s = new DemoServers();
        try {
            for (String name : NAMES) {
                s.servers.put(name, FakeLlmServer.start(name));
                s.earlier.put(name, 0);
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The server of one endpoint, to script its answers. */
    public FakeLlmServer get(String name) {
        FakeLlmServer s = servers.get(name);
        if (s == null) throw new IllegalArgumentException("no demo endpoint '" + name + "'; known: " + NAMES);
        return s;
    }

    /**
     * The variables retry.yaml reads the endpoint URLs from: {@code IAG_URL}, {@code ONEAPI_URL},
     * {@code LITELLM_URL}, each {@code http://127.0.0.1:<port>/v1}.
     */
    public Map<String, String> urlVariables() {
        Map<String, String> vars = new LinkedHashMap<>();
        servers.forEach((name, s) -> vars.put(name.toUpperCase(Locale.ROOT) + "_URL", s.baseUrl()));
        return vars;
    }

    /** Every endpoint healthy again: forgets each server's script, keeping its request count. */
    public void healAll() {
        for (String name : NAMES) heal(name);
    }

    /** One endpoint healthy again (its default answer is "Hello from &lt;name&gt;! You said: ..."). */
    public void heal(String name) {
        FakeLlmServer s = get(name);
        earlier.merge(name, s.requestCount(), Integer::sum);
        s.reset();
    }

    /** Requests received by each endpoint since the servers started, by name in priority order. */
    public Map<String, Integer> requestCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        servers.forEach((name, s) -> counts.put(name, earlier.get(name) + s.requestCount()));
        return counts;
    }

    @Override
    public void close() {
        servers.values().forEach(FakeLlmServer::close);
    }
}
