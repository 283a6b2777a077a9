package dev.llmretry.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.LlmRetryConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code health.store} and {@code health.redis-uri}: read, checked, and the password never shown. */
class StoreConfigTest {
    private static LlmRetryConfig parse(String yaml) {
        return ConfigLoader.parse("retry.yaml", yaml, Map.of("REDIS_PASSWORD", "s3cret-pw")::get);
    }

    @Test
    void redisStoreWithPasswordVariable_parsed_keepsThePasswordAndMasksItInToString() {
        LlmRetryConfig c = parse("health: { store: redis, redis-uri: \"rediss://:${REDIS_PASSWORD}@cache.internal:6380\" }\n");

        StoreSettings s = StoreSettings.of(c.health().store(), c.health().redisUri());
        assertEquals("redis", s.store());
        assertEquals("rediss://:s3cret-pw@cache.internal:6380", s.uri());
        assertFalse(s.toString().contains("s3cret-pw"), s.toString());
        assertFalse(c.health().toString().contains("s3cret-pw"), c.health().toString());
        assertEquals(List.of("s3cret-pw", ":s3cret-pw"), StoreSettings.secretsOf(s.uri()));
    }

    @Test
    void noStore_parsed_isLocal() {
        assertEquals("local", parse("health: { window: 30s }\n").health().store());
        assertEquals("local", parse("").health().store());
    }

    @Test
    void redisWithoutUri_parsed_saysTheUriIsMissing() {
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class, () -> parse("health: { store: redis }\n"));

        assertEquals("retry.yaml: health.redis-uri is missing; health.store: redis needs it, like redis://cache.internal:6379",
                e.getMessage());
    }

    @Test
    void httpUriWithPassword_parsed_saysWhatIsExpectedWithoutThePassword() {
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> parse("health: { store: redis, redis-uri: \"http://:${REDIS_PASSWORD}@cache:6379\" }\n"));

        assertTrue(e.getMessage().contains("health.redis-uri"), e.getMessage());
        assertTrue(e.getMessage().contains("a redis:// or rediss:// URI"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-pw"), e.getMessage());
    }

    @Test
    void uriWithoutRedisStore_parsed_saysToAddTheStore() {
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> parse("health: { redis-uri: \"redis://cache:6379\" }\n"));

        assertTrue(e.getMessage().contains("add store: redis"), e.getMessage());
    }

    @Test
    void misspeltKey_parsed_suggestsRedisUri() {
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> parse("health: { store: redis, redis-url: \"redis://cache:6379\" }\n"));

        assertTrue(e.getMessage().contains("did you mean 'redis-uri'?"), e.getMessage());
    }
}
