package dev.llmretry.it;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for an LLM client: each endpoint answers from a script of failures, then succeeds. Records every call,
 * so tests can assert what the woven service really sent. Thread-safe.
 */
public final class ScriptedBackend {
    private final Map<String, Deque<Throwable>> scripts = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    /** The next calls to {@code endpoint} fail with these, in order; later calls succeed. */
    public synchronized ScriptedBackend script(String endpoint, Throwable... failures) {
        scripts.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).addAll(List.of(failures));
        return this;
    }

    public String call(String endpoint, String question) throws Exception {
        Throwable next;
        synchronized (this) {
            calls.add(endpoint);
            Deque<Throwable> script = scripts.get(endpoint);
            next = script == null ? null : script.poll();
        }
        if (next instanceof Exception e) throw e;
        if (next instanceof Error e) throw e;
        return "answer from " + endpoint + " to " + question;
    }

    /** Endpoint names of every call, in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
