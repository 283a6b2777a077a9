package dev.llmretry.processor;

import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.config.ConfigProblem;
import dev.llmretry.internal.config.DeclaredCall;
import dev.llmretry.internal.config.KnownNames;
import dev.llmretry.internal.config.LlmRetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The retry.yaml visible at compile time, checked with the runtime's {@link ConfigLoader#check} (structure, keys,
 * types, names; {@code ${VAR}} values are left for run time). Where it is looked for, first found wins:
 * <ol>
 *   <li>the processor option {@code -Allmretry.config=<path>} (relative paths: the working directory, then the
 *       project directory guessed from the class output);</li>
 *   <li>{@code retry.yaml} in the class output (Maven copies {@code src/main/resources} there before compiling);
 *       messages then name {@code src/main/resources/retry.yaml}, the file the user edits, when it has the same text;</li>
 *   <li>{@code retry.yaml} on the source path;</li>
 *   <li>{@code src/main/resources/retry.yaml} in the project directory, found up to four levels above the class
 *       output.</li>
 * </ol>
 * Immutable once read.
 *
 * <pre>{@code
 * RetryYaml yaml = RetryYaml.find(processingEnv.getFiler(), processingEnv.getOptions().get("llmretry.config"));
 * if (yaml.isValid()) yaml.endpoints();   // [iag, oneapi, litellm]
 * }</pre>
 */
final class RetryYaml {
    /** The processor option naming the file. */
    static final String OPTION = "llmretry.config";
    /** Where a Maven or Gradle project keeps retry.yaml. */
    static final String SOURCE_FILE = "src/main/resources/retry.yaml";

    private final String source;
    private final String text;
    private final List<ConfigProblem> problems;
    private final Set<String> endpoints;
    private final Set<String> retryPolicies;
    private final Set<String> breakerPolicies;

    private RetryYaml(String source, String text, List<ConfigProblem> problems, Set<String> endpoints,
                      Set<String> retryPolicies, Set<String> breakerPolicies) {
        this.source = source;
        this.text = text;
        this.problems = List.copyOf(problems);
        this.endpoints = endpoints;
        this.retryPolicies = retryPolicies;
        this.breakerPolicies = breakerPolicies;
    }

    /** Nothing found: names cannot be checked (the runtime may get its file from elsewhere). */
    static RetryYaml absent() {
        return new RetryYaml(null, "", List.of(), Set.of(), Set.of(), Set.of());
    }

    /** A file that could not be read: one problem, no names. */
    static RetryYaml unreadable(String source, String why) {
        return new RetryYaml(source, "", List.of(ConfigProblem.of("", null, "a readable retry.yaml", why)), Set.of(),
                Set.of(), Set.of());
    }

    /** Checks the text; names are collected only when it has no problem. */
    static RetryYaml of(String source, String text) {
        List<ConfigProblem> problems = ConfigLoader.check(source, text);
        if (!problems.isEmpty()) return new RetryYaml(source, text, problems, Set.of(), Set.of(), Set.of());
        Map<?, ?> root = rootMap(text);
        LlmRetryConfig builtIn = LlmRetryConfig.defaults();
        return new RetryYaml(source, text, List.of(), keys(root, "endpoints", Set.of()),
                keys(root, "retry", builtIn.retryPolicies().keySet()),
                keys(root, "circuit-breaker", builtIn.breakerPolicies().keySet()));
    }

    /** Finds and checks the file; never throws. */
    static RetryYaml find(Filer filer, String option) {
        Path projectDir = projectDir(filer);
        if (option != null && !option.isBlank()) return fromOption(option.strip(), projectDir);
        Path candidate = projectDir == null ? null : projectDir.resolve(SOURCE_FILE);
        boolean sourceFile = candidate != null && Files.isRegularFile(candidate);
        String text = read(filer, StandardLocation.CLASS_OUTPUT);
        if (text != null) {
            // Maven copied src/main/resources/retry.yaml there: name the file the user edits, unless it differs
            if (sourceFile && text.equals(readQuietly(candidate))) return of(candidate.toString(), text);
            return of(ConfigLoader.RESOURCE + " (class output)", text);
        }
        text = read(filer, StandardLocation.SOURCE_PATH);
        if (text != null) return of(ConfigLoader.RESOURCE + " (source path)", text);
        if (sourceFile) return fromFile(candidate);
        return absent();
    }

    boolean isPresent() { return source != null; }

    boolean isValid() { return isPresent() && problems.isEmpty(); }

    /** The file's name in messages. */
    String source() { return source; }

    List<ConfigProblem> problems() { return problems; }

    /**
     * The file's top-level sections named in {@code names}, as text (block style: from a key at the start of a line
     * to the next one); the whole text when the file is not laid out that way.
     */
    String topLevelSections(List<String> names) {
        StringBuilder out = new StringBuilder();
        boolean keep = false;
        for (String line : text.split("\\R", -1)) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                if (line.startsWith("{") || line.startsWith("---")) return text;
                int colon = line.indexOf(':');
                keep = colon > 0 && names.contains(line.substring(0, colon).strip());
            }
            if (keep) out.append(line).append('\n');
        }
        return out.toString();
    }

    /** The 1-based line of a key path in the file, or 0 when unknown. */
    int line(String keyPath) { return KeyLines.find(text, keyPath); }

    Set<String> endpoints() { return endpoints; }

    Set<String> retryPolicies() { return retryPolicies; }

    Set<String> breakerPolicies() { return breakerPolicies; }

    /** The names annotations may refer to, for {@link DeclaredCall#problems}; only meaningful when valid. */
    KnownNames names() { return new KnownNames(source, endpoints, retryPolicies, breakerPolicies); }

    private static RetryYaml fromOption(String option, Path projectDir) {
        Path path;
        try {
            path = Path.of(option);
        } catch (InvalidPathException e) {
            return unreadable(option, "-A" + OPTION + "=" + option + " is not a valid path: " + e.getReason());
        }
        if (!path.isAbsolute() && !Files.exists(path) && projectDir != null && Files.exists(projectDir.resolve(option))) {
            path = projectDir.resolve(option);
        }
        if (!Files.isRegularFile(path)) {
            return unreadable(option, "-A" + OPTION + "=" + option + " names no file (looked at "
                    + path.toAbsolutePath() + "). Fix the path, e.g. -A" + OPTION + "=${project.basedir}/src/main/resources/retry.yaml");
        }
        return fromFile(path);
    }

    private static RetryYaml fromFile(Path path) {
        try {
            if (Files.size(path) > ConfigLoader.MAX_BYTES) return unreadable(path.toString(), "the file is larger than "
                    + ConfigLoader.MAX_BYTES + " bytes; a retry.yaml is a few kilobytes");
            return of(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return unreadable(path.toString(), "cannot be read: " + e);
        }
    }

    private static String readQuietly(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The text of retry.yaml at the root of {@code location}, or null when there is none. */
    private static String read(Filer filer, StandardLocation location) {
        try {
            FileObject file = filer.getResource(location, "", ConfigLoader.RESOURCE);
            try (InputStream in = file.openInputStream()) {
                return new String(in.readNBytes(ConfigLoader.MAX_BYTES), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            return null; // not there, location not configured, or in-memory output: nothing to read
        }
    }

    /**
     * The project directory: the nearest directory with a {@code src} folder, up to four levels above the class output
     * ({@code target/classes} for Maven, {@code build/classes/java/main} for Gradle); else null.
     */
    private static Path projectDir(Filer filer) {
        try {
            URI uri = filer.getResource(StandardLocation.CLASS_OUTPUT, "", ConfigLoader.RESOURCE).toUri();
            if (!"file".equals(uri.getScheme())) return null;
            Path dir = Path.of(uri).getParent();
            for (int up = 0; up < 5 && dir != null; up++, dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("src"))) return dir;
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Map<?, ?> rootMap(String text) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        return root instanceof Map<?, ?> map ? map : Map.of();
    }

    private static Set<String> keys(Map<?, ?> root, String section, Set<String> builtIn) {
        Set<String> names = new LinkedHashSet<>(builtIn);
        if (root.get(section) instanceof Map<?, ?> map) map.keySet().forEach(k -> names.add(String.valueOf(k)));
        return names;
    }

    @Override
    public String toString() {
        return source == null ? "no retry.yaml" : source + (problems.isEmpty() ? "" : " " + new ArrayList<>(problems));
    }
}
