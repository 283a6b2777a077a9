package dev.llmretry.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor; sources get the llm-retry imports prepended on their first line. */
final class Compile {
    static final String IMPORTS = "import dev.llmretry.Endpoint; import dev.llmretry.annotation.*; "
            + "import java.util.concurrent.*; import java.util.*; import java.io.*;";

    private Compile() {
    }

    /** A source file {@code test/<name>.java} in package {@code test}. */
    static JavaFileObject source(String name, String body) {
        return JavaFileObjects.forSourceString("test." + name, "package test; " + IMPORTS + "\n" + body);
    }

    static Compilation compile(String name, String body, String... options) {
        return compile(List.of(source(name, body)), options);
    }

    static Compilation compile(List<JavaFileObject> sources, String... options) {
        return Compiler.javac().withProcessors(new LlmRetryProcessor()).withOptions((Object[]) options).compile(sources);
    }
}
