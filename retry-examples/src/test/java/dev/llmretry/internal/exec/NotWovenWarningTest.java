package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Uses the indexes the real processor wrote for this module: target/classes (woven by ajc) lists com.acme.ChatService,
 * target/test-classes (compiled, never woven) lists {@link UnwovenChatService}.
 */
class NotWovenWarningTest {
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void processorIndexes_listBothTheWovenAndTheUnwovenClass() throws IOException {
        StringBuilder all = new StringBuilder();
        for (URL url : Collections.list(loader.getResources(NotWovenWarning.INDEX))) {
            try (InputStream in = url.openStream()) {
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertTrue(all.toString().contains("com.acme.ChatService\n"), all.toString());
        assertTrue(all.toString().contains("dev.llmretry.internal.exec.UnwovenChatService\n"), all.toString());
    }

    @Test
    void annotatedClassNotWoven_found_withItsUnprotectedMethods_wovenClassesNot() {
        Map<String, List<String>> unwoven = NotWovenWarning.find(loader);
        assertEquals(List.of("ask(String)"), unwoven.get("dev.llmretry.internal.exec.UnwovenChatService"), unwoven.toString());
        assertFalse(unwoven.containsKey("com.acme.ChatService"), "woven at build time: " + unwoven);
        assertFalse(unwoven.containsKey("dev.llmretry.examples.ChatClient"), "woven at build time: " + unwoven);
    }

    @Test
    void unwovenClass_warnedOnceByName_withBothFixesToPaste() {
        List<String> warnings = new ArrayList<>();
        NotWovenWarning check = new NotWovenWarning(warnings::add);
        check.check(loader);
        check.check(loader);
        assertEquals(1, warnings.size(), warnings.toString());
        String w = warnings.get(0);
        assertTrue(w.startsWith("1 class carries llm-retry annotations but was not woven"), w);
        assertTrue(w.contains("  dev.llmretry.internal.exec.UnwovenChatService: ask(String)\n"), w);
        assertTrue(w.contains("<artifactId>aspectj-maven-plugin</artifactId>"), w);
        assertTrue(w.contains("<aspectLibrary><groupId>dev.llmretry</groupId><artifactId>retry-runtime</artifactId>"), w);
        assertTrue(w.contains("java -javaagent:/path/to/aspectjweaver-1.9.27.jar -jar your-app.jar"), w);
    }

    @Test
    void everythingWoven_noWarning() {
        List<String> warnings = new ArrayList<>();
        ClassLoader onlyMainIndex = new ClassLoader(loader) {
            @Override
            public java.util.Enumeration<URL> getResources(String name) throws IOException {
                List<URL> main = Collections.list(super.getResources(name)).stream()
                        .filter(u -> !u.toString().contains("test-classes")).toList();
                return Collections.enumeration(main);
            }
        };
        new NotWovenWarning(warnings::add).check(onlyMainIndex);
        assertEquals(List.of(), warnings);
    }
}
