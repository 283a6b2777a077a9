package dev.llmretry.examples;

import dev.llmretry.LlmResilience;
import dev.llmretry.examples.Console.Style;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.health.HealthReport;
import dev.llmretry.time.RandomSource;
import dev.llmretry.time.TimeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs scenarios against three fresh fake endpoints: publishes their URLs and the timings as system properties for
 * retry.yaml, registers the console notifier, and resets the library between scenarios so each one starts with
 * closed circuits. Prints a line per scenario, then the health JSON and a summary. One run at a time per JVM (the
 * library's state is process-wide).
 */
public final class DemoRunner {
    private final Console console;
    private final Timings timings;

    public DemoRunner(Console console, Timings timings) {
        this.console = console;
        this.timings = timings;
    }

    /** Runs {@code scenarios} in order and returns what happened. */
    public DemoResult run(List<Scenario> scenarios) throws InterruptedException {
        EventTally tally = new EventTally();
        Map<String, String> previous = new HashMap<>();
        try (DemoServers servers = DemoServers.start(); ConsoleNotifier notifier = new ConsoleNotifier(console);
             LlmRuntime.Installation library = LlmRuntime.get().install(TimeSource.system(),
                     RandomSource.threadLocal(), null)) {
            Map<String, String> vars = new LinkedHashMap<>(servers.urlVariables());
            vars.putAll(timings.variables());
            vars.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
            LlmResilience.addListener(notifier);
            LlmResilience.addListener(tally);
            try {
                ChatClient chat = new ChatClient();
                List<ScenarioOutcome> outcomes = new ArrayList<>();
                for (int i = 0; i < scenarios.size(); i++) {
                    Scenario s = scenarios.get(i);
                    console.line(Style.BOLD, "");
                    console.line(Style.BOLD, console.symbol("\u2501\u2501 ", "== ") + "[" + (i + 1) + "/"
                            + scenarios.size() + "] " + s.name() + console.symbol(" \u2501\u2501 ", " == ")
                            + s.shows());
                    library.reset(); // closed circuits, fresh health, retry.yaml read again
                    outcomes.add(runOne(s, servers, chat, tally));
                }
                HealthReport report = LlmResilience.health();
                String health = report.toJson();
                DemoResult result = new DemoResult(outcomes, servers.requestCounts(), health);
                printSummary(result, report);
                return result;
            } finally {
                LlmResilience.removeListener(notifier);
                LlmResilience.removeListener(tally);
            }
        } finally {
            previous.forEach((k, v) -> {
                if (v == null) System.clearProperty(k);
                else System.setProperty(k, v);
            });
        }
    }

    private ScenarioOutcome runOne(Scenario s, DemoServers servers, ChatClient chat, EventTally tally)
            throws InterruptedException {
        LlmResilience.validate();         // a broken retry.yaml stops the demo here, saying why
        servers.healAll();
        tally.clear();
        Map<String, Integer> before = servers.requestCounts();
        ScenarioContext ctx = new ScenarioContext(servers, chat, console, timings);
        try {
            s.run(ctx);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("scenario " + s.name() + " broke: " + e, e);
        }
        Map<String, Integer> requests = new LinkedHashMap<>();
        servers.requestCounts().forEach((name, n) -> requests.put(name, n - before.get(name)));
        ScenarioOutcome o = new ScenarioOutcome(s.name(), ctx.asked(), ctx.answered(), ctx.failures(), requests,
                tally.retryDelays(), tally.failovers(), tally.circuitChanges(), tally.exhausted(),
                tally.streamsIncomplete(), ctx.streamed());
        console.line(Style.DIM, "  " + o.answered() + "/" + o.asked() + " answered; requests " + perEndpoint(requests)
                + "; " + count(o.retryDelays().size(), "retry", "retries") + ", "
                + count(o.failovers().size(), "failover", "failovers"));
        return o;
    }

    private void printSummary(DemoResult r, HealthReport report) {
        console.line(Style.BOLD, "");
        console.line(Style.BOLD, console.symbol("\u2501\u2501 ", "== ") + "Health after the last scenario "
                + "(LlmResilience.health().toJson())");
        console.line(Style.PLAIN, onePerLine(report));
        console.line(Style.BOLD, console.symbol("\u2501\u2501 ", "== ") + "Summary");
        for (ScenarioOutcome o : r.outcomes()) {
            console.line(Style.PLAIN, String.format("  %-12s %2d/%-2d answered   requests %s", o.name(), o.answered(),
                    o.asked(), perEndpoint(o.requests())));
        }
        console.line(Style.BOLD, String.format("  %-12s %2d/%-2d answered   requests %s", "total", r.answered(),
                r.asked(), perEndpoint(orderedTotals(r))));
    }

    /** The same JSON as {@code toJson()}, one endpoint per line. */
    private static String onePerLine(HealthReport report) {
        return report.endpoints().entrySet().stream()
                .map(e -> new HealthReport(Map.of(e.getKey(), e.getValue())).toJson())
                .map(one -> one.substring(1, one.length() - 1))
                .collect(Collectors.joining(",\n  ", "{\n  ", "\n}"));
    }

    private static Map<String, Integer> orderedTotals(DemoResult r) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String name : DemoServers.NAMES) m.put(name, r.totalRequests().getOrDefault(name, 0));
        return m;
    }

    /** {@code 1 retry}, {@code 2 retries}. */
    static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String perEndpoint(Map<String, Integer> requests) {
        return DemoServers.NAMES.stream().map(n -> n + " " + requests.getOrDefault(n, 0))
                .collect(Collectors.joining(", "));
    }
}
