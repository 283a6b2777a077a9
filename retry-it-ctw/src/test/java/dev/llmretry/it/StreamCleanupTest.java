package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Streams and iterators of failed attempts are closed before the next attempt; every stream shape comes back. */
class StreamCleanupTest {
    @RegisterExtension final Fresh fresh = new Fresh();
    final ShellService shells = new ShellService();
    final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void streamFailingBeforeItsFirstElement_isClosedBeforeTheNextAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        shells.onStreamAttempt(() -> {
            int n = attempts.incrementAndGet();
            log.add("attempt " + n);
            if (n == 2) return Stream.of("ok").onClose(() -> log.add("closed 2"));
            return Stream.<String>generate(() -> {
                throw new UncheckedIOException(new IOException("connection reset"));
            }).onClose(() -> log.add("closed " + n));
        });

        try (Stream<String> result = shells.stream("q")) {
            assertEquals(List.of("ok"), result.toList());
        }

        assertEquals(List.of("attempt 1", "closed 1", "attempt 2", "closed 2"), log);
    }

    @Test
    void closeableIteratorFailingBeforeItsFirstElement_isClosedBeforeTheNextAttempt() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        shells.onIteratorAttempt(() -> {
            int n = attempts.incrementAndGet();
            log.add("attempt " + n);
            return new ClosingIterator(n, n == 2);
        });

        Iterator<String> result = shells.iterator("q");
        assertEquals("ok", result.next());
        ((AutoCloseable) result).close();

        assertEquals(List.of("attempt 1", "closed 1", "attempt 2", "closed 2"), log);
    }

    @Test
    void intStreamResult_retriedUntilItsFirstElement_comesBackAsAnIntStream() {
        AtomicInteger attempts = new AtomicInteger();
        shells.onIntStreamAttempt(() -> attempts.incrementAndGet() == 1
                ? IntStream.generate(() -> {
                    throw new UncheckedIOException(new IOException("connection reset"));
                })
                : IntStream.of(1, 2, 3));

        Object result = shells.intStream("q");

        assertInstanceOf(IntStream.class, result);
        assertArrayEquals(new int[] {1, 2, 3}, ((IntStream) result).toArray());
        assertEquals(2, attempts.get());
    }

    /** Fails before its first element unless {@code answers}; records when it is closed. */
    private final class ClosingIterator implements Iterator<String>, AutoCloseable {
        private final int attempt;
        private final boolean answers;
        private boolean served;

        ClosingIterator(int attempt, boolean answers) {
            this.attempt = attempt;
            this.answers = answers;
        }

        public boolean hasNext() {
            if (!answers) throw new UncheckedIOException(new IOException("connection reset"));
            return !served;
        }

        public String next() {
            served = true;
            return "ok";
        }

        public void close() {
            log.add("closed " + attempt);
        }
    }
}
