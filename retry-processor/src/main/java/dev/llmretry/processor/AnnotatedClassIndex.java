package dev.llmretry.processor;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Records the classes that carry llm-retry annotations in {@value #PATH} of the class output, one binary name per
 * line, so that the runtime can warn, by name, about those that were never woven. Names already in the file (from an
 * earlier, incremental compilation) are kept; the runtime skips those it cannot load. Not thread-safe.
 */
final class AnnotatedClassIndex {
    /** Where the index goes; retry-runtime's {@code NotWovenWarning} reads every such file on the class path. */
    static final String PATH = "META-INF/llm-retry/annotated-classes.txt";

    private final Filer filer;
    private final Elements elements;
    private final Set<String> names = new TreeSet<>();

    AnnotatedClassIndex(Filer filer, Elements elements) {
        this.filer = filer;
        this.elements = elements;
    }

    /** Records the class of an annotated method, or the annotated class itself (interfaces are never woven). */
    void add(Element element) {
        Element e = element;
        while (e != null && !(e instanceof TypeElement)) e = e.getEnclosingElement();
        if (e instanceof TypeElement type && !type.getKind().isInterface()) {
            names.add(elements.getBinaryName(type).toString());
        }
    }

    /** Writes the index, once, at the end of the compilation; nothing when nothing was annotated. */
    void write() throws IOException {
        if (names.isEmpty()) return;
        Set<String> all = new TreeSet<>(names);
        all.addAll(previous());
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", PATH);
        try (Writer w = file.openWriter()) {
            for (String name : all) w.write(name + "\n");
        }
        names.clear();
    }

    private Set<String> previous() {
        Set<String> out = new TreeSet<>();
        try {
            FileObject old = filer.getResource(StandardLocation.CLASS_OUTPUT, "", PATH);
            try (Reader r = old.openReader(true)) {
                StringBuilder sb = new StringBuilder();
                char[] buf = new char[4096];
                for (int n; (n = r.read(buf)) > 0; ) sb.append(buf, 0, n);
                sb.toString().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(out::add);
            }
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException | IllegalStateException e) {
            // no earlier index (a clean build), or a filer that cannot read it back: this compilation's names suffice
        }
        return out;
    }
}
