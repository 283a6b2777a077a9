package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.LlmRetryConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link ConfigLifecycle} on its own: what is in force after a first load, a reload and {@code useConfig}, broken or
 * not, and the order in which a configuration is adopted. The source is a supplier the test controls.
 */
class ConfigLifecycleTest {
    static LlmRetryConfig config(String endpoint) {
        return ConfigLoader.parse("test retry.yaml", "endpoints: { " + endpoint + ": { url: \"https://" + endpoint
                + ".example\" } }\n", v -> null);
    }

    final AtomicInteger reads = new AtomicInteger();
    volatile Supplier<LlmRetryConfig> file = () -> config("iag");
    final List<String> adoptions = new ArrayList<>();
    final ConfigLifecycle lifecycle = new ConfigLifecycle(() -> {
        reads.incrementAndGet();
        return file.get();
    }, new ConfigLifecycle.Adoption() {
        @Override public void prepare(LlmRetryConfig fresh) {
            adoptions.add("prepare " + names(fresh) + ", in force " + names(inForceNow()));
        }

        @Override public void adopt(LlmRetryConfig fresh) {
            adoptions.add("adopt " + names(fresh) + ", in force " + names(inForceNow()));
        }
    });

    LlmRetryConfig inForceNow() {
        return lifecycle.inForce();
    }

    static Set<String> names(LlmRetryConfig c) {
        return c == null ? Set.of() : c.endpoints().keySet();
    }

    static LlmRetryConfigException broken() {
        return assertThrows(LlmRetryConfigException.class, () -> ConfigLoader.parse("broken retry.yaml",
                "retry:\n  default: { max-attempts: 0 }\n", v -> null));
    }

    @Test
    void nothingUsedYet_inForceIsNull_firstCurrentLoadsOnce() {
        assertNull(lifecycle.inForce(), "loaded lazily");
        assertEquals(Set.of(), lifecycle.endpointNames());

        LlmRetryConfig first = lifecycle.current();

        assertSame(first, lifecycle.current());
        assertSame(first, lifecycle.inForce());
        assertEquals(Set.of("iag"), lifecycle.endpointNames());
        assertEquals(1, reads.get(), "read once");
    }

    @Test
    void brokenFirstLoad_everyCallerGetsThatError_theSourceIsNotReadAgain_untilAReloadSucceeds() {
        LlmRetryConfigException why = broken();
        file = () -> { throw why; };

        assertSame(why, assertThrows(LlmRetryConfigException.class, lifecycle::current));
        assertSame(why, assertThrows(LlmRetryConfigException.class, lifecycle::current));
        assertEquals(1, reads.get(), "a broken file is not re-read on every call");
        assertNull(lifecycle.inForce());

        file = () -> config("oneapi");
        lifecycle.reload();

        assertEquals(Set.of("oneapi"), names(lifecycle.current()));
    }

    @Test
    void brokenReload_keepsTheConfigurationInForce_andThrowsWhy_adoptingNothing() {
        LlmRetryConfig good = lifecycle.current();
        LlmRetryConfigException why = broken();
        file = () -> { throw why; };
        adoptions.clear();

        assertSame(why, assertThrows(LlmRetryConfigException.class, lifecycle::reload));

        assertSame(good, lifecycle.current());
        assertEquals(List.of(), adoptions);
    }

    @Test
    void reload_preparesBeforeTheNewConfigurationIsInForce_adoptsOnceItIs() {
        lifecycle.current();
        adoptions.clear();
        file = () -> config("oneapi");

        lifecycle.reload();

        assertEquals(List.of("prepare [oneapi], in force [iag]", "adopt [oneapi], in force [oneapi]"), adoptions);
    }

    @Test
    void useText_reloadParsesTheSameTextAgain_forgetGoesBackToTheOriginalSource() {
        lifecycle.current();
        LlmRetryConfig text = lifecycle.use("tenant retry.yaml", "endpoints: { litellm: { url: \"https://l.example\" } }\n");

        LlmRetryConfig reloaded = lifecycle.reload();

        assertEquals(Set.of("litellm"), names(reloaded));
        assertEquals(text.source(), reloaded.source());
        assertEquals(1, reads.get(), "the original source was not read again");
        List<String> forgotten = new ArrayList<>();
        lifecycle.forget(() -> forgotten.add("built from " + names(lifecycle.inForce())));
        assertEquals(List.of("built from [litellm]"), forgotten, "what was built from it is forgotten first");
        assertNull(lifecycle.inForce());
        assertEquals(Set.of("iag"), names(lifecycle.current()), "the original source again");
    }

    @Test
    void brokenText_changesNothing() {
        LlmRetryConfig good = lifecycle.current();

        assertThrows(LlmRetryConfigException.class, () -> lifecycle.use("bad", "retry:\n  default: { max-attempts: 0 }\n"));

        assertSame(good, lifecycle.current());
        assertEquals(Set.of("iag"), names(lifecycle.reload()), "reload still reads the original source");
    }
}
