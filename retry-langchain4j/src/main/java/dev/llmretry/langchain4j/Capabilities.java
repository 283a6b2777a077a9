package dev.llmretry.langchain4j;

import dev.langchain4j.model.chat.Capability;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Capabilities every wrapped model has. */
final class Capabilities {
    private Capabilities() {}

    static Set<Capability> common(List<Set<Capability>> perModel) {
        Set<Capability> common = EnumSet.allOf(Capability.class);
        for (Set<Capability> capabilities : perModel) common.retainAll(capabilities);
        return Set.copyOf(common);
    }
}
