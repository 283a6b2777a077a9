package dev.llmretry.examples;

import dev.llmretry.examples.DocBlocks.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the Java blocks of one documentation file together (with README.md's compilation units, which the docs
 * build on) and says, per block, what javac reported, at the line of the Markdown file.
 */
final class SnippetCompiler {
    /** What a fragment may use without importing it. */
    static final List<String> FRAGMENT_IMPORTS = List.of("java.io.*", "java.net.*", "java.net.http.*",
            "java.nio.file.*", "java.time.*", "java.util.*", "java.util.concurrent.*", "java.util.function.*",
            "java.util.stream.*", "dev.llmretry.*", "dev.llmretry.annotation.*", "dev.llmretry.classify.*",
            "dev.llmretry.config.*", "dev.llmretry.event.*", "dev.llmretry.health.*", "dev.llmretry.testing.*",
            "org.junit.jupiter.api.*", "org.junit.jupiter.api.extension.*", "org.junit.jupiter.api.parallel.*",
            "static org.junit.jupiter.api.Assertions.*", "static java.time.Duration.*");
    private static final Pattern UNIT = Pattern.compile("(?m)^(package|import)\\s");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:public\\s+|abstract\\s+|final\\s+|sealed\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");
    private static final Pattern MEMBER_START = Pattern.compile(
            "^(@|(public|protected|private|static|abstract|final|synchronized|default|void|class|interface|record|enum)\\b"
            + "|[\\w<>\\[\\], ?.]+\\s+\\w+\\s*\\([^;]*\\)\\s*(throws\\s[^{;]*)?\\{)");
    private static final Pattern ELIDED_BODY = Pattern.compile("\\)(\\s*throws\\s[\\w., ]+)?\\s*\\{\\s*\\.\\.\\.\\s*}");

    private SnippetCompiler() {
    }

    /** A compilation unit: a block with a package or import line, compiled exactly as written. */
    static boolean isUnit(Block b) {
        return UNIT.matcher(b.code()).find();
    }

    /**
     * Compiles the {@code java} blocks of one file (those not marked {@code not compiled} or {@code file}) with
     * {@code readmeUnits}; returns the errors per block ({@link Block#where()}), empty lists for clean blocks. The
     * units are compiled together; each fragment is compiled on its own with them, so that a syntax error in one
     * block (which stops javac before it resolves names) cannot hide the errors of another.
     */
    static Map<String, List<String>> compile(List<Block> blocks, List<Block> readmeUnits) {
        List<Source> units = new ArrayList<>();
        Set<String> ownTypes = new LinkedHashSet<>();
        for (Block b : blocks) if (isUnit(b)) ownTypes.add(qualifiedType(b));
        for (Block b : readmeUnits) {
            if (!ownTypes.contains(qualifiedType(b)) && !blocks.contains(b)) units.add(Source.unit(b));
        }
        for (Block b : blocks) if (isUnit(b)) units.add(Source.unit(b));
        Set<String> packages = new LinkedHashSet<>();
        for (Source s : units) if (s.pkg != null) packages.add(s.pkg);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (Block b : blocks) errors.put(b.where(), new ArrayList<>());
        List<Source> all = new ArrayList<>(units);
        for (Block b : blocks) if (!isUnit(b)) all.add(Source.fragment(b, packages));
        if (all.isEmpty() || run(all, new LinkedHashMap<>())) return errors;   // the usual case: one javac run
        if (!units.isEmpty()) run(units, errors);
        for (Block b : blocks) {
            if (isUnit(b)) continue;
            List<Source> sources = new ArrayList<>(units);
            sources.add(Source.fragment(b, packages));
            Map<String, List<String>> mine = new LinkedHashMap<>();
            run(sources, mine);
            errors.put(b.where(), mine.getOrDefault(b.where(), List.of()));
        }
        return errors;
    }

    /** Compiles; adds each error to its block's list; returns whether there was none. */
    private static boolean run(List<Source> sources, Map<String, List<String>> errors) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            Path out = Files.createDirectories(Path.of("target", "doc-snippets"));
            List<String> options = List.of("-proc:none", "-d", out.toString(), "-Xlint:none", "-classpath",
                    System.getProperty("java.class.path"));
            if (javac.getTask(null, files, diagnostics, options, null, sources).call()) return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR || !(d.getSource() instanceof Source s)) continue;
            long mdLine = s.block.line() + d.getLineNumber() - 1 - s.headerLines;
            errors.computeIfAbsent(s.block.where(), k -> new ArrayList<>()).add(s.block.source() + ":" + mdLine
                    + ": " + d.getMessage(Locale.ROOT) + "\n    " + lineOf(s.text, d.getLineNumber()).strip());
        }
        return false;
    }

    private static String qualifiedType(Block b) {
        Matcher p = PACKAGE.matcher(b.code());
        Matcher t = TYPE.matcher(b.code());
        return (p.find() ? p.group(1) + "." : "") + (t.find() ? t.group(1) : "?" + b.where());
    }

    private static String lineOf(String text, long line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[(int) line - 1] : "";
    }

    /** A block as javac sees it: units as written, fragments wrapped in a class of their own. */
    static final class Source extends SimpleJavaFileObject {
        final Block block;
        final String text;
        final int headerLines;
        final String pkg;

        private Source(Block block, String path, String text, int headerLines, String pkg) {
            super(URI.create("string:///" + path), Kind.SOURCE);
            this.block = block;
            this.text = text;
            this.headerLines = headerLines;
            this.pkg = pkg;
        }

        static Source unit(Block b) {
            Matcher p = PACKAGE.matcher(b.code());
            String pkg = p.find() ? p.group(1) : null;
            String type = qualifiedType(b);
            String name = type.substring(type.lastIndexOf('.') + 1);
            String path = (pkg == null ? "" : pkg.replace('.', '/') + "/") + name + ".java";
            return new Source(b, path, b.code(), 0, pkg);
        }

        static Source fragment(Block b, Set<String> unitPackages) {
            String className = "Snippet_" + b.source().replaceAll("\\W", "_") + "_" + b.line();
            StringBuilder header = new StringBuilder();
            for (String i : FRAGMENT_IMPORTS) header.append("import ").append(i).append(";\n");
            for (String p : unitPackages) header.append("import ").append(p).append(".*;\n");
            header.append("@SuppressWarnings(\"all\") class ").append(className).append(" {\n");
            String given = given(b.marker());
            if (!given.isEmpty()) header.append(given).append('\n');
            String code = ELIDED_BODY.matcher(b.code()).replaceAll(")$1 { throw new UnsupportedOperationException(); }")
                    .replaceAll("\\{\\s*\\.\\.\\.\\s*}", "{ }").replaceAll("(?m)^\\s*\\.\\.\\.\\s*$", "");
            boolean members = MEMBER_START.matcher(firstCodeLine(code)).find();
            if (!members) header.append("void fragment() throws Throwable {\n");
            String text = header + code + (members ? "" : "}\n") + "}\n";
            int headerLines = (int) header.chars().filter(c -> c == '\n').count();
            return new Source(b, className + ".java", text, headerLines, null);
        }

        private static String given(String marker) {
            return marker != null && marker.startsWith("given ") ? marker.substring("given ".length()) : "";
        }

        private static String firstCodeLine(String code) {
            for (String l : code.split("\n")) {
                String s = l.strip();
                if (!s.isEmpty() && !s.startsWith("//") && !s.startsWith("/*") && !s.startsWith("*")) return s;
            }
            return "";
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
