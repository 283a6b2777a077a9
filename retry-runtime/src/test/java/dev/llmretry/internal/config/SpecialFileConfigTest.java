package dev.llmretry.internal.config;

import dev.llmretry.config.LlmRetryConfigException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llmretry.config naming something that is not a regular file: a device that never ends ({@code /dev/zero}) used to
 * end in OutOfMemoryError, a FIFO nobody writes to blocked the load (and config(), under its lock) for ever. Both are
 * refused before they are opened, with a message that says what to fix. Watchdog: a regression hangs, it must fail.
 */
class SpecialFileConfigTest {
    static final Duration WATCHDOG = Duration.ofSeconds(20);

    @TempDir Path dir;

    static LlmRetryConfigException loadNamed(Path file) {
        return assertTimeoutPreemptively(WATCHDOG, () -> assertThrows(LlmRetryConfigException.class,
                () -> ConfigLoader.load(Map.of("LLMRETRY_CONFIG", file.toString())::get, Map.<String, String>of()::get,
                        null)), "loading " + file + " must not hang");
    }

    @Test
    void devZero_asTheConfigFile_isRefusedAsNotARegularFile() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "needs /dev/zero");

        LlmRetryConfigException e = loadNamed(zero);

        assertTrue(e.getMessage().contains("/dev/zero: is not a regular file"), e.getMessage());
        assertTrue(e.getMessage().contains("environment variable LLMRETRY_CONFIG"), e.getMessage());
    }

    @Test
    void fifo_asTheConfigFile_isRefusedAtOnce_insteadOfBlocking() throws Exception {
        Path fifo = dir.resolve("retry.yaml");
        assumeTrue(mkfifo(fifo), "needs mkfifo");

        LlmRetryConfigException e = loadNamed(fifo);

        assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
    }

    static boolean mkfifo(Path path) {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return p.waitFor() == 0 && Files.exists(path);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
