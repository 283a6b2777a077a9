package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Iterator;
import java.util.ListIterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.stream.BaseStream;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The declared result type alone picks the shell; exactly the types the advice's pointcut admits, no subtype. */
class ResultShapeTest {

    @Test
    void eachSupportedDeclaredType_hasItsShape() {
        assertEquals(ResultShape.FUTURE, ResultShape.of(CompletableFuture.class));
        assertEquals(ResultShape.FUTURE, ResultShape.of(CompletionStage.class));
        for (Class<?> stream : new Class<?>[] {Stream.class, IntStream.class, LongStream.class, DoubleStream.class,
                BaseStream.class}) {
            assertEquals(ResultShape.STREAM, ResultShape.of(stream), stream.getName());
        }
        assertEquals(ResultShape.ITERATOR, ResultShape.of(Iterator.class));
        assertEquals(ResultShape.PUBLISHER, ResultShape.of(Flow.Publisher.class));
    }

    @Test
    void plainValuesAndSubtypes_haveNoShape() {
        abstract class OwnFuture extends CompletableFuture<String> {
        }
        for (Class<?> other : new Class<?>[] {String.class, Object.class, void.class, ListIterator.class,
                SubmissionPublisher.class, OwnFuture.class}) {
            assertNull(ResultShape.of(other), other.getName());
        }
    }

    /**
     * The shells and the rule that refuses results (LLMR-017 and the woven guard, {@code ResultTypes}) list the
     * supported types each for itself: every type the rule accepts has a shell, and every subtype it refuses has none.
     */
    @Test
    void resultTypesRule_andTheShells_agreeOnEveryFamily() {
        for (java.util.List<Class<?>> family : dev.llmretry.internal.config.ResultTypes.FAMILIES) {
            for (Class<?> supported : family.subList(1, family.size())) {
                assertEquals(null, dev.llmretry.internal.config.ResultTypes.problem("x#y", supported, false),
                        supported.getName());
                org.junit.jupiter.api.Assertions.assertNotNull(ResultShape.of(supported), supported.getName());
            }
        }
        for (Class<?> refused : new Class<?>[] {ListIterator.class, SubmissionPublisher.class, java.util.PrimitiveIterator.OfInt.class}) {
            org.junit.jupiter.api.Assertions.assertNotNull(
                    dev.llmretry.internal.config.ResultTypes.problem("x#y", refused, false), refused.getName());
            assertNull(ResultShape.of(refused), refused.getName());
        }
    }
}
