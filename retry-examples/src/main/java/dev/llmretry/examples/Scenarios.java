package dev.llmretry.examples;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Every scenario of the demo, in the order they run, and selection by name. */
public final class Scenarios {
    private Scenarios() {
    }

    /** flaky, outage, quota, bad-request, rate-limit, stream-cut, langchain4j, all-down. */
    public static List<Scenario> all() {
        return List.of(new FlakyScenario(), new OutageScenario(), new QuotaScenario(), new BadRequestScenario(),
                new RateLimitScenario(), new StreamCutScenario(), new LangChain4jScenario(), new AllDownScenario());
    }

    /**
     * The scenarios named, in the demo's order; all of them when {@code names} is empty or holds {@code all}.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the known ones
     */
    public static List<Scenario> select(List<String> names) {
        LinkedHashSet<String> wanted = names.stream().map(n -> n.toLowerCase(Locale.ROOT).strip())
                .filter(n -> !n.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        if (wanted.isEmpty() || wanted.contains("all")) return all();
        List<Scenario> chosen = new ArrayList<>();
        for (Scenario s : all()) if (wanted.remove(s.name())) chosen.add(s);
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException("Unknown scenario " + String.join(", ", wanted) + "; choose from "
                    + all().stream().map(Scenario::name).collect(Collectors.joining(", ")) + ", or all");
        }
        return chosen;
    }
}
