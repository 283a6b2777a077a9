package dev.llmretry.it.ltw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.annotation.LlmRetry;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Result types the advice cannot return, woven at load time (no annotation processor stops them here): every call
 * fails before the body runs, with a message that says what to declare instead; no ClassCastException after the
 * request was sent, no silently unprotected Reactor method.
 */
class UnsupportedResultTest {
    static final AtomicInteger BODIES = new AtomicInteger();

    public static class Chat {
        @LlmRetry
        public ListIterator<String> chunks(String q) {
            BODIES.incrementAndGet();
            return List.of(q).listIterator();
        }

        @LlmRetry
        public SubmissionPublisher<String> publisher(String q) {
            BODIES.incrementAndGet();
            return new SubmissionPublisher<>();
        }

        @LlmRetry
        public Mono<String> mono(String q) {
            BODIES.incrementAndGet();
            return new Mono<>(q);
        }
    }

    final Chat chat = new Chat();

    @Test
    void listIteratorResult_called_failsBeforeTheBody_sayingDeclareIterator() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> chat.chunks("q"));
        assertEquals(Chat.class.getName() + "#chunks returns java.util.ListIterator, a subtype of Iterator that "
                + "llm-retry cannot return: the result it hands back is an Iterator of its own, so the call would fail "
                + "with a ClassCastException after the request was sent. Declare the result as Iterator.",
                e.getMessage(), "the sentence retry-processor reports as LLMR-017");
        assertEquals(0, BODIES.get());
    }

    @Test
    void submissionPublisherResult_called_failsBeforeTheBody() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> chat.publisher("q"));
        assertTrue(e.getMessage().startsWith(Chat.class.getName() + "#publisher returns "
                + "java.util.concurrent.SubmissionPublisher, a subtype of Flow.Publisher"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Declare the result as Flow.Publisher."), e.getMessage());
        assertEquals(0, BODIES.get());
    }

    @Test
    void reactorMonoResult_withoutRetryReactor_failsBeforeTheBody_namingTheModule() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> chat.mono("q"));
        assertTrue(e.getMessage().startsWith(Chat.class.getName() + "#mono returns reactor.core.publisher.Mono: "
                + "Reactor results need the retry-reactor module, or the method would run unprotected. Add the "
                + "dependency dev.llmretry:retry-reactor"), e.getMessage());
        assertEquals(0, BODIES.get());
    }
}
