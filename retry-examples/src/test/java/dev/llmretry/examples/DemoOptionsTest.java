package dev.llmretry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {
    @Test
    void execArgsAsOneString_splitIntoScenarioNamesAndOptions() {
        Demo.Options o = Demo.Options.parse(new String[] {"outage quota --short"}, false);
        assertEquals(List.of("outage", "quota"), o.scenarios());
        assertTrue(o.shortMode());
        assertEquals(List.of("outage", "quota"), Scenarios.select(o.scenarios()).stream().map(Scenario::name).toList());
    }

    @Test
    void noNames_selectsEveryScenarioInDemoOrder() {
        assertEquals(Scenarios.all().size(), Scenarios.select(List.of()).size());
        assertEquals(Boolean.FALSE, Demo.Options.parse(new String[] {"--plain"}, true).colour());
        assertTrue(Demo.Options.parse(new String[0], true).shortMode(), "-Ddemo.short=true");
    }

    @Test
    void unknownScenario_messageListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scenarios.select(List.of("outgae")));
        assertTrue(e.getMessage().contains("outgae") && e.getMessage().contains("outage, quota"), e.getMessage());
    }
}
