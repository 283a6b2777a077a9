package dev.llmretry.examples;

import dev.llmretry.LlmResilience;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's entry point: {@code mvn -B -ntp -q -f retry-examples exec:java} runs every scenario;
 * {@code -Dexec.args="outage"} runs one (several names may be given); {@code --short} (or
 * {@code -Ddemo.short=true}) shrinks every wait to a few milliseconds; {@code --plain} / {@code --color} force the
 * output style, which is otherwise chosen from the terminal ({@code NO_COLOR} and {@code TERM=dumb} are honoured).
 */
public final class Demo {
    private Demo() {
    }

    /** Parsed command line. */
    record Options(List<String> scenarios, boolean shortMode, Boolean colour, boolean help) {
        static Options parse(String[] args, boolean shortByProperty) {
            List<String> names = new ArrayList<>();
            boolean shortMode = shortByProperty;
            Boolean colour = null;
            boolean help = false;
            for (String arg : args) {
                for (String a : arg.trim().split("[\\s,]+")) {
                    switch (a) {
                        case "" -> { }
                        case "--short", "-s" -> shortMode = true;
                        case "--plain", "--no-color" -> colour = false;
                        case "--color", "--colour" -> colour = true;
                        case "--help", "-h", "--list" -> help = true;
                        default -> {
                            if (a.startsWith("-")) throw new IllegalArgumentException("Unknown option " + a);
                            names.add(a);
                        }
                    }
                }
            }
            return new Options(names, shortMode, colour, help);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        List<Scenario> scenarios;
        try {
            options = Options.parse(args, Boolean.getBoolean("demo.short"));
            scenarios = Scenarios.select(options.scenarios());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            throw e;
        }
        if (options.help()) {
            System.out.println(usage());
            return;
        }
        Console console = Console.stdout(options.colour(), System.getenv());
        try {
            new DemoRunner(console, options.shortMode() ? Timings.fast() : Timings.normal()).run(scenarios);
        } finally {
            LlmResilience.shutdown(); // the library's threads end with the demo
        }
    }

    static String usage() {
        StringBuilder sb = new StringBuilder("""
                Usage: mvn -B -ntp -q -f retry-examples exec:java [-Dexec.args="[scenario...] [--short] [--plain|--color]"]
                  --short   every wait a few milliseconds (CI); also -Ddemo.short=true
                  --plain   no colours or animation (default when stdout is not a terminal, NO_COLOR or TERM=dumb)
                Scenarios (all by default):
                """);
        for (Scenario s : Scenarios.all()) sb.append(String.format("  %-12s %s%n", s.name(), s.shows()));
        return sb.toString();
    }
}
