package dev.llmretry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.llmretry.examples.DocBlocks.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Every {@code ```java} block of {@code README.md} and {@code docs/**}{@code /*.md} compiles, so a reader can paste it.
 *
 * <ul>
 *   <li>A block with a {@code package} or {@code import} line is a <b>compilation unit</b>: compiled exactly as
 *       written, so its imports must be complete. The units of one Markdown file are compiled together, with
 *       README.md's units (a file's own class of the same name replaces README's).</li>
 *   <li>Any other block is a <b>fragment</b>: wrapped in a class that imports {@link SnippetCompiler#FRAGMENT_IMPORTS}
 *       (the library, java.*, the harness, JUnit) and the packages of the units above. Statements become the body of
 *       a method that may throw anything; a block whose first line is an annotation, a modifier or a method
 *       declaration becomes the class's members. {@code { ... }} stands for an elided body, a line {@code ...} for
 *       elided lines.</li>
 *   <li>On the line just before the fence, an HTML comment (invisible on GitHub) can say more:
 *       <ul>
 *         <li>{@code <!-- snippet: given HttpClient http; HttpRequest request; -->}: members added to the fragment's
 *             class, for names the fragment uses without declaring them (fields, small helper classes);</li>
 *         <li>{@code <!-- snippet: file retry-examples/src/main/java/com/acme/ChatService.java -->}: the block (in
 *             any language) must be exactly that file, which the build compiles and tests; {@code path#tag} takes
 *             the lines between {@code // tag::tag[]} and {@code // end::tag[]};</li>
 *         <li>{@code <!-- snippet: not compiled, needs the OpenAI SDK -->}: not compiled, for a reason that must be
 *             given (it shows in the test's name).</li>
 *       </ul></li>
 * </ul>
 */
class DocsJavaExamplesTest {
    private static final String NOT_COMPILED = "not compiled";
    private static final Pattern FILE = Pattern.compile("file\\s+(\\S+?)(?:#(\\S+))?");
    private static final Map<String, Map<String, List<String>>> COMPILED = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> everyJavaBlockInTheDocs_compilesOrMatchesItsSourceFile() {
        List<Block> all = DocBlocks.all();
        return all.stream().filter(b -> b.language().equals("java") || fileMarker(b) != null)
                .map(b -> DynamicTest.dynamicTest(b.where() + describe(b), () -> check(b, all)));
    }

    @Test
    void theDocsHaveJavaBlocks_soTheScanCannotPassByFindingNothing() {
        assertTrue(DocBlocks.all().stream().filter(b -> b.language().equals("java")).count() >= 5,
                "few ```java blocks found under " + DocBlocks.ROOT.toAbsolutePath().normalize());
    }

    @Test
    void extraction_findsTheMarkerOnTheLineBeforeTheFence() {
        List<Block> found = DocBlocks.extract("x.md", "text\n<!-- snippet: given int n; -->\n```java\nn++;\n```\n"
                + "  ```java\n  int m;\n  ```\n");
        assertEquals(2, found.size(), found::toString);
        assertEquals("given int n;", found.get(0).marker());
        assertEquals(4, found.get(0).line());
        assertEquals(null, found.get(1).marker());
        assertEquals("int m;\n", found.get(1).code());
    }

    @Test
    void theCheckItself_failsOnBrokenCodeAtTheMarkdownLine_andOnAMarkerWithoutReason() throws IOException {
        String md = "# t\n\n```java\nint x = \"text\";\n```\n\n<!-- snippet: given int n; -->\n```java\nn += 1;\n```\n"
                + "\n<!-- snippet: not compiled -->\n```java\nnonsense\n```\n";
        List<Block> blocks = DocBlocks.extract("self-test.md", md);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> check(blocks.get(0), blocks));
        assertTrue(e.getMessage().contains("self-test.md:4: incompatible types"), e.getMessage());
        check(blocks.get(1), blocks);
        assertThrows(AssertionFailedError.class, () -> check(blocks.get(2), blocks));
    }

    @Test
    void aFileMarker_failsWhenTheBlockDiffersFromTheFile() {
        List<Block> blocks = DocBlocks.extract("self-test.md", "<!-- snippet: file retry-examples/src/test/resources/"
                + "retry-test.yaml -->\n```yaml\nretry: {}\n```\n");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> check(blocks.get(0), blocks));
        assertTrue(e.getMessage().contains("differs from retry-examples/src/test/resources/retry-test.yaml"),
                e.getMessage());
    }

    private static String describe(Block b) {
        return b.marker() == null ? "" : " (" + b.marker() + ")";
    }

    private static Matcher fileMarker(Block b) {
        if (b.marker() == null) return null;
        Matcher m = FILE.matcher(b.marker());
        return m.matches() ? m : null;
    }

    static void check(Block b, List<Block> all) throws IOException {
        Matcher file = fileMarker(b);
        if (file != null) {
            checkSameAsFile(b, file.group(1), file.group(2));
        } else if (b.marker() != null && b.marker().startsWith(NOT_COMPILED)) {
            String why = b.marker().substring(NOT_COMPILED.length()).replaceFirst("^[\\s,:;-]+", "");
            if (why.isBlank()) fail(b.where() + ": say why it is not compiled: <!-- snippet: not compiled, <why> -->");
        } else {
            List<String> errors = compiled(b.source(), all).getOrDefault(b.where(), List.of());
            if (!errors.isEmpty()) {
                fail(b.where() + " does not compile (see DocsJavaExamplesTest for the snippet markers):\n"
                        + String.join("\n", errors) + "\n---\n" + b.code());
            }
        }
    }

    private static Map<String, List<String>> compiled(String source, List<Block> all) {
        return COMPILED.computeIfAbsent(source + "#" + all.hashCode(), k -> SnippetCompiler.compile(
                all.stream().filter(b -> b.source().equals(source) && compilable(b)).toList(),
                all.stream().filter(DocsJavaExamplesTest::readmeUnit).toList()));
    }

    /** README.md's compilation units, also those included from a source file: the other docs build on them. */
    private static boolean readmeUnit(Block b) {
        return b.source().equals("README.md") && b.language().equals("java") && SnippetCompiler.isUnit(b)
                && (compilable(b) || fileMarker(b) != null);
    }

    private static boolean compilable(Block b) {
        return b.language().equals("java") && (b.marker() == null || b.marker().startsWith("given "));
    }

    private static void checkSameAsFile(Block b, String path, String tag) throws IOException {
        Path file = DocBlocks.ROOT.resolve(path);
        assertTrue(Files.isRegularFile(file), b.where() + ": no file " + path);
        String expected = normalize(tag == null ? Files.readString(file) : region(Files.readString(file), tag, b));
        String actual = normalize(b.code());
        if (!expected.equals(actual)) {
            List<String> e = expected.lines().toList();
            List<String> a = actual.lines().toList();
            int i = 0;
            while (i < Math.min(e.size(), a.size()) && e.get(i).equals(a.get(i))) i++;
            fail(b.where() + ": the block differs from " + path + (tag == null ? "" : "#" + tag) + " at its line "
                    + (i + 1) + ":\n  file: " + (i < e.size() ? e.get(i) : "<end>") + "\n  docs: "
                    + (i < a.size() ? a.get(i) : "<end>") + "\nCopy the file into the docs (or change both).");
        }
    }

    private static String region(String text, String tag, Block b) {
        int start = text.indexOf("// tag::" + tag + "[]");
        int end = text.indexOf("// end::" + tag + "[]");
        if (start < 0 || end < start) fail(b.where() + ": no // tag::" + tag + "[] ... // end::" + tag + "[] region");
        String inner = text.substring(text.indexOf('\n', start) + 1, end);
        return inner.substring(0, inner.lastIndexOf('\n') + 1);
    }

    private static String normalize(String text) {
        return text.stripIndent().lines().map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
    }
}
