package dev.llmretry.benchmarks.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every scenario against every client and prints Markdown tables (the ones in docs/benchmarks.md).
 * {@code java -cp target/benchmarks.jar dev.llmretry.benchmarks.sim.SimulationReport [--quick] [seed]}
 */
public final class SimulationReport {
    private SimulationReport() {
    }

    /** Prints the tables; {@code --quick} plays the shortened scenarios used in CI. */
    public static void main(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        long seed = args.length > 0 && !args[args.length - 1].startsWith("--") ? Long.parseLong(args[args.length - 1]) : 42;
        long t0 = System.nanoTime();
        String only = System.getProperty("sim.only", ""); // e.g. -Dsim.only=viii@1 or -Dsim.only=v
        for (Scenario sc : Scenarios.all(quick)) {
            String key = sc.id() + "@" + rate(sc.callsPerSecond());
            if (!only.isEmpty() && !List.of(only.split(",")).stream().anyMatch(o -> o.contains("@") ? o.equals(key) : o.equals(sc.id()))) {
                continue;
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (ClientKind k : ClientKind.values()) outcomes.add(Simulation.run(sc, k, seed));
            System.out.println(table(sc, outcomes));
            System.out.flush();
        }
        System.out.printf(Locale.ROOT, "(seed %d, %s, %.1f s of real time)%n", seed, quick ? "quick" : "full",
                (System.nanoTime() - t0) / 1e9);
    }

    /** One scenario's table. */
    public static String table(Scenario sc, List<Outcome> outcomes) {
        boolean outage = sc.id().equals("iii") || sc.id().equals("v") || sc.id().equals("vii");
        boolean overload = sc.id().equals("viii");
        boolean spike = sc.id().equals("vi");
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "#### (%s) %s, %s calls/s: %d user calls over %d min%n%n", sc.id(), sc.title(),
                rate(sc.callsPerSecond()), sc.arrivals().length, sc.horizonNanos() / 60_000_000_000L));
        b.append("| client | answered | requests / call | p50 added | p99 added | sent to a down endpoint |");
        if (outage) b.append(" first answer after recovery | primary used again after recovery | settled: requests / call | settled: longest added | settled: requests to primary |");
        if (overload) b.append(" during overload: requests / call |");
        if (spike) b.append(" primary healthy after spike end | peak primary req/s | primary requests (spike + 4 min) |");
        b.append('\n').append("|---|---:|---:|---:|---:|---:|");
        if (outage) b.append("---:|---:|---:|---:|---:|");
        if (overload) b.append("---:|");
        if (spike) b.append("---:|---:|---:|");
        b.append('\n');
        for (Outcome o : outcomes) {
            b.append(String.format(Locale.ROOT, "| %s | %.2f%% (%d/%d) | %.3f | %s | %s | %d |", o.client().label(),
                    100 * o.successRate(), o.answered(), o.calls(), o.amplification(), ms(o.p50AddedMs()),
                    ms(o.p99AddedMs()), o.sentWhileDown()));
            if (outage) {
                b.append(String.format(Locale.ROOT, " %s | %s | %s | %s | %s in %.0f s |", seconds(o.firstAnswerAfterSec()),
                        seconds(o.reuseAfterSec()),
                        o.settledPerCall() < 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", o.settledPerCall()),
                        ms(o.settledMaxWaitMs()), o.settledProbes(), o.settledSeconds()));
            }
            if (overload) b.append(String.format(Locale.ROOT, " %.3f |", o.settledPerCall()));
            if (spike) {
                b.append(String.format(Locale.ROOT, " %s | %d | %d |",
                        o.healthyAfterSec() < 0 ? "never" : String.format(Locale.ROOT, "%.0f s", o.healthyAfterSec()),
                        o.peakPrimaryPerSec(), o.primaryLoad()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String seconds(double s) {
        return s < 0 ? "never" : s < 10 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%.0f s", s);
    }

    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.format(Locale.ROOT, "%.0f", perSecond);
    }

    private static String ms(double millis) {
        return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000) : String.format(Locale.ROOT, "%.0f ms", millis);
    }
}
