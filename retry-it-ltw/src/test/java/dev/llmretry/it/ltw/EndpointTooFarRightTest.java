package dev.llmretry.it.ltw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.LlmRetry;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An {@code Endpoint} parameter further right than the advice can rebind (the seventh here), woven at load time with
 * no annotation processor to reject it (LLMR-013): whatever the result type, every call fails before the body runs,
 * with the sentence retry-processor gives at compile time; never a body run unprotected with a {@code null} endpoint.
 */
class EndpointTooFarRightTest {
    static final AtomicInteger BODIES = new AtomicInteger();

    public static class Chat {
        @LlmRetry
        public String sync(int a, int b, int c, int d, int e, int f, Endpoint endpoint) {
            BODIES.incrementAndGet();
            return "ran on " + endpoint;
        }

        @LlmRetry
        public CompletableFuture<String> async(int a, int b, int c, int d, int e, int f, Endpoint endpoint) {
            BODIES.incrementAndGet();
            return CompletableFuture.completedFuture("ran on " + endpoint);
        }

        @LlmRetry
        public Stream<String> stream(int a, int b, int c, int d, int e, int f, Endpoint endpoint) {
            BODIES.incrementAndGet();
            return Stream.of("ran on " + endpoint);
        }

        @LlmRetry
        public Iterator<String> iterator(int a, int b, int c, int d, int e, int f, int g, Endpoint endpoint) {
            BODIES.incrementAndGet();
            return List.of("ran on " + endpoint).iterator();
        }
    }

    final Chat chat = new Chat();

    @Test
    void syncResult_failsBeforeTheBody_sayingMoveItLeft() {
        assertRefused(() -> chat.sync(1, 2, 3, 4, 5, 6, null), "sync", 7);
    }

    @Test
    void futureStreamAndIteratorResults_failBeforeTheBody_sayingMoveItLeft() {
        assertRefused(() -> chat.async(1, 2, 3, 4, 5, 6, null), "async", 7);
        assertRefused(() -> chat.stream(1, 2, 3, 4, 5, 6, null), "stream", 7);
        assertRefused(() -> chat.iterator(1, 2, 3, 4, 5, 6, 7, null), "iterator", 8);
    }

    /** The sentence retry-processor reports at compile time (LLMR-013): one rule, one wording. */
    private static void assertRefused(org.junit.jupiter.api.function.Executable call, String method, int position) {
        int before = BODIES.get();
        IllegalStateException e = assertThrows(IllegalStateException.class, call);
        assertEquals("The Endpoint parameter of " + Chat.class.getName() + "#" + method + " is parameter " + position
                + ", but the llm-retry advice can pass the endpoint only in the first 6 parameters, so the method would "
                + "not be protected. Move it left, e.g. make it the first parameter.", e.getMessage());
        assertEquals(before, BODIES.get(), "the body did not run");
    }
}
