package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.internal.exec.NotWovenWarning;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The processor lists the annotated services, and the run-time check finds each of them woven: at build time in
 * retry-it-ctw, by the agent as the check loads them in retry-it-ltw. So the not-woven warning stays silent in both.
 */
class WeavingIndexTest {
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void annotatedServices_listedByTheProcessor_areAllWoven() throws IOException {
        StringBuilder index = new StringBuilder();
        for (URL url : Collections.list(loader.getResources(NotWovenWarning.INDEX))) {
            try (InputStream in = url.openStream()) {
                index.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertTrue(index.toString().contains("dev.llmretry.it.ChatService\n"), index.toString());
        assertTrue(index.toString().contains("dev.llmretry.it.TypeLevelService\n"), index.toString());
        assertEquals(Map.of(), NotWovenWarning.find(loader));
    }
}
