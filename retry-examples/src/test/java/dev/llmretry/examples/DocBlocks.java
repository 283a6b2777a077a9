package dev.llmretry.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fenced code blocks of {@code README.md} and {@code docs/**}{@code /*.md}, each with the {@code <!-- snippet: ... -->}
 * marker on the line before its fence, if any (see {@link DocsJavaExamplesTest} for what the markers mean).
 */
final class DocBlocks {
    static final Path ROOT = Path.of("..");
    private static final Pattern FENCE = Pattern.compile("(?m)^([ \\t]*)```([\\w-]*)[ \\t]*\\R(.*?)^\\1```[ \\t]*$",
            Pattern.DOTALL);
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(.*?)\\s*-->\\s*$");

    /**
     * One fenced block.
     *
     * @param source   the file, relative to the repository root
     * @param line     the line of the block's first code line
     * @param language what follows the fence ({@code java}, {@code yaml}), may be empty
     * @param code     the block's text, its fence's indentation removed
     * @param marker   the text of a {@code <!-- snippet: ... -->} on the line before the fence, or null
     */
    record Block(String source, int line, String language, String code, String marker) {
        String where() {
            return source + ":" + line;
        }
    }

    private DocBlocks() {
    }

    /** Every block of the documentation files, in file order. */
    static List<Block> all() {
        List<Block> blocks = new ArrayList<>();
        for (Path f : files()) {
            try {
                blocks.addAll(extract(ROOT.relativize(f).toString().replace('\\', '/'), Files.readString(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return blocks;
    }

    /** README.md, then every {@code .md} under docs/ (sub-directories included), sorted. */
    static List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(ROOT.resolve("README.md"))) files.add(ROOT.resolve("README.md"));
        Path docs = ROOT.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> s = Files.walk(docs)) {
                s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    static List<Block> extract(String source, String markdown) {
        List<Block> out = new ArrayList<>();
        Matcher m = FENCE.matcher(markdown);
        while (m.find()) {
            int line = 1 + (int) markdown.substring(0, m.start(3)).chars().filter(c -> c == '\n').count();
            String indent = m.group(1);
            StringBuilder code = new StringBuilder();
            m.group(3).lines().forEach(l -> code.append(l.startsWith(indent) ? l.substring(indent.length()) : l)
                    .append('\n'));
            out.add(new Block(source, line, m.group(2), code.toString(), markerBefore(markdown, m.start())));
        }
        return out;
    }

    private static String markerBefore(String markdown, int fenceStart) {
        String before = markdown.substring(0, fenceStart).stripTrailing();
        String lastLine = before.substring(before.lastIndexOf('\n') + 1);
        Matcher m = MARKER.matcher(lastLine);
        return m.matches() ? m.group(1) : null;
    }
}
