package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Proves which weaving set-up this module runs under: compile-time woven class files contain ajc's generated
 * members; under load-time weaving the class files on disk are plain javac output (the agent weaves in memory).
 */
class WeavingModeTest {

    @Test
    void classFilesOnDisk_matchTheWeavingSetUpOfThisModule() throws IOException {
        String mode = System.getProperty("llmretry.it.weaving", "compile-time");
        try (InputStream in = ChatService.class.getResourceAsStream("ChatService.class")) {
            String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            boolean wovenOnDisk = bytes.contains("ajc$") || bytes.contains("aroundBody");
            assertEquals(mode.equals("compile-time"), wovenOnDisk, "weaving mode " + mode);
        }
    }
}
