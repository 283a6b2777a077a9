package dev.llmretry.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.config.LlmRetryConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Every {@code ```yaml} block in {@code README.md} and {@code docs/**}{@code /*.md} must load with
 * {@link ConfigLoader#parse(String, String, Function)}, so the documentation cannot drift from the loader. A block
 * whose first line is a comment starting with {@code # invalid:} shows a mistake on purpose and must fail to load.
 * Variables: a {@code ${NAME:default}} keeps its default, a {@code ${NAME}} gets a dummy value (a URL for a name
 * ending in {@code _URL}).
 */
class DocsYamlExamplesTest {
    /** The first line of a block that shows a mistake on purpose: {@code # invalid: <why>}. */
    static final String INVALID_MARKER = "# invalid:";

    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)(:?)");

    record Block(String source, int line, String yaml) {
        boolean markedInvalid() {
            return yaml.stripLeading().startsWith(INVALID_MARKER);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyYamlBlockInTheDocs_loadsOrFailsAsMarked() {
        return blocks().stream().map(b -> DynamicTest.dynamicTest(b.source() + ":" + b.line(), () -> check(b)));
    }

    @Test
    void theDocsHaveYamlBlocks_soTheScanCannotPassByFindingNothing() {
        assertFalse(blocks().isEmpty(), "no ```yaml block found under " + DocBlocks.ROOT.toAbsolutePath().normalize()
                + "/docs: is the working directory the module directory?");
    }

    @Test
    void extraction_findsIndentedBlocksAndTheirLines() {
        List<Block> found = extract("x.md", "text\n```yaml\na: 1\n```\n- item\n  ```yaml\n  b: 2\n  ```\n```java\nc\n```\n");
        if (found.size() != 2 || found.get(0).line() != 3 || found.get(1).line() != 7
                || !found.get(1).yaml().contains("b: 2")) {
            fail("unexpected blocks " + found);
        }
    }

    @Test
    void theCheckItself_failsOnABrokenUnmarkedBlockAndOnAMarkedBlockThatLoads() {
        assertThrows(AssertionFailedError.class,
                () -> check(new Block("x.md", 1, "retry:\n  default: { max-attempts: 0 }\n")));
        assertThrows(AssertionFailedError.class,
                () -> check(new Block("x.md", 1, INVALID_MARKER + " nothing wrong here\nretry: {}\n")));
        check(new Block("x.md", 1, INVALID_MARKER + " zero attempts\nretry:\n  default: { max-attempts: 0 }\n"));
        check(new Block("x.md", 1, "endpoints:\n  a: { url: \"https://${HOST}/v1\", api-key: \"${KEY}\" }\n"));
    }

    private static void check(Block b) {
        Function<String, String> variables = dummyVariables(b.yaml());
        if (b.markedInvalid()) {
            assertThrows(LlmRetryConfigException.class, () -> ConfigLoader.parse(b.source(), b.yaml(), variables),
                    b.source() + ":" + b.line() + " is marked '" + INVALID_MARKER + "' but loads fine");
            return;
        }
        try {
            ConfigLoader.parse(b.source(), b.yaml(), variables);
        } catch (LlmRetryConfigException e) {
            fail(b.source() + ":" + b.line() + " does not load (mark it '" + INVALID_MARKER
                    + " ...' if that is the point):\n" + e.getMessage() + "\n---\n" + b.yaml());
        }
    }

    /** {@code ${NAME}} without a default resolves to a dummy; with a default, the default is used. */
    private static Function<String, String> dummyVariables(String yaml) {
        List<String> withoutDefault = new ArrayList<>();
        Matcher m = VARIABLE.matcher(yaml);
        while (m.find()) if (m.group(2).isEmpty()) withoutDefault.add(m.group(1));
        return name -> !withoutDefault.contains(name) ? null
                : name.endsWith("_URL") ? "https://" + name.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".example/v1"
                : "dummy-" + name.toLowerCase(java.util.Locale.ROOT);
    }

    static List<Block> blocks() {
        return DocBlocks.all().stream().filter(b -> b.language().equals("yaml")).map(DocsYamlExamplesTest::yaml).toList();
    }

    static List<Block> extract(String source, String markdown) {
        return DocBlocks.extract(source, markdown).stream().filter(b -> b.language().equals("yaml"))
                .map(DocsYamlExamplesTest::yaml).toList();
    }

    private static Block yaml(DocBlocks.Block b) {
        return new Block(b.source(), b.line(), b.code());
    }
}
