package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A YAML syntax error names the line of the mistake, not the line where SnakeYAML noticed it. */
class YamlMistakeTest {

    private static String message(String yaml) {
        List<ConfigProblem> problems = ConfigLoader.check("retry.yaml", yaml);
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0).message();
    }

    @Test
    void flowMappingLeftOpen_reportedWhereItOpens() {
        assertEquals("line 2, column 12: expected ',' or '}', but got : (while parsing a flow mapping)",
                message("retry:\n  default: { max-attempts: 6\nendpoints:\n  iag: { url: x }\n"));
    }

    @Test
    void flowSequenceLeftOpen_reportedWhereItOpens() {
        assertEquals("line 1, column 8: expected ',' or ']', but got <stream end> (while parsing a flow sequence)",
                message("retry: [unclosed\n"));
    }

    @Test
    void quoteLeftOpen_reportedWhereItOpens() {
        assertEquals("line 3, column 19: found unexpected end of stream (while scanning a quoted scalar)",
                message("retry:\n  default:\n    max-attempts: \"6\n    initial-backoff: 1s\n"));
    }

    @Test
    void keyWithoutColon_reportedOnItsOwnLine() {
        assertEquals("line 3, column 1: a key without ':' before its value (YAML reads the next line as part of it, "
                + "and then says: mapping values are not allowed here)",
                message("retry:\n  default:\n    max-attempts 6\n    initial-backoff: 1s\n"));
    }

    @Test
    void mistakeInsideAFlowMappingSpanningLines_keepsItsOwnLine() {
        assertEquals("line 3, column 29: expected ',' or '}', but got : (while parsing a flow mapping)",
                message("endpoints:\n  iag: { url: \"https://x/v1\",\n         model: gpt priority: 3 }\n"));
    }

    @Test
    void badIndentation_reportedOnTheBadLine() {
        assertEquals("line 4, column 4: expected <block end>, but found '<block mapping start>' (while parsing a block "
                + "mapping)", message("retry:\n  default:\n    max-attempts: 6\n   initial-backoff: 1s\n"));
    }
}
