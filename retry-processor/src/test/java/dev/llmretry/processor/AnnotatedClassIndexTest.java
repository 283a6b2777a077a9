package dev.llmretry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmretry.processor.Compile.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

class AnnotatedClassIndexTest {

    @Test
    void annotatedMethodsAndTypes_compiling_listTheirClassesByBinaryName() throws IOException {
        Compilation c = Compile.compile(List.of(
                source("Chat", """
                        public class Chat {
                            @LlmRetry public String ask(String q) { return q; }
                            public static class Inner {
                                @LlmCircuitBreaker(name = "inner") public String ping() { return ""; }
                            }
                        }
                        """),
                source("TypeLevel", """
                        @LlmRetry public class TypeLevel { public String ask(String q) { return q; } }
                        """),
                source("Plain", "public class Plain { public String ask(String q) { return q; } }")));
        assertThat(c).succeededWithoutWarnings();
        String index = c.generatedFile(StandardLocation.CLASS_OUTPUT, AnnotatedClassIndex.PATH).orElseThrow()
                .getCharContent(true).toString();
        assertEquals("test.Chat\ntest.Chat$Inner\ntest.TypeLevel\n", index);
    }

    @Test
    void nothingAnnotated_compiling_writesNoIndex() {
        Compilation c = Compile.compile(List.of(source("Plain", "public class Plain { }")));
        assertThat(c).succeededWithoutWarnings();
        assertFalse(c.generatedFile(StandardLocation.CLASS_OUTPUT, AnnotatedClassIndex.PATH).isPresent());
    }
}
