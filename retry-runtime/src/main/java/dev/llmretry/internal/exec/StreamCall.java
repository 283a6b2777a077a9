package dev.llmretry.internal.exec;

import dev.llmretry.Endpoint;
import dev.llmretry.event.StreamIncomplete;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.BaseStream;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The streaming shell for {@link Stream} and {@link Iterator} results: an attempt succeeds once its first element
 * has arrived (or the stream turned out empty), so failures before that are retried and failed over exactly like a
 * sync call, with the same decision core. The first element is fetched before the method returns. After it, a
 * failure is reported as-is to the consumer, recorded against the endpoint, marked by a {@link StreamIncomplete}
 * event, and never retried: the consumer must not see text twice. The stream (or {@link AutoCloseable} iterator) of
 * a failed attempt is closed before the next attempt; {@code IntStream}, {@code LongStream} and {@code DoubleStream}
 * results come back as the same kind of stream.
 *
 * <pre>{@code
 * Stream<String> chunks = (Stream<String>) StreamCall.start(plan, endpoint -> client.stream(endpoint, q), true);
 * }</pre>
 */
public final class StreamCall {
    private StreamCall() {
    }

    /** Runs the attempts and returns a result of the method's declared shape ({@code Stream} or {@code Iterator}). */
    public static Object start(MethodPlan plan, Attempt attempt, boolean wantsStream) {
        CallState call = plan.begin();
        AtomicLongArray watch = CallWatch.arm(plan, call.startNanos()); // max-duration bounds the wait for the first element
        try {
            return attempts(plan, attempt, wantsStream, call, watch);
        } finally {
            CallWatch.disarm(watch);
        }
    }

    private static Object attempts(MethodPlan plan, Attempt attempt, boolean wantsStream, CallState call,
                                   AtomicLongArray watch) {
        while (true) {
            AttemptTimer timer = plan.armTimer();
            Object result = null;
            Iterator<?> source;
            boolean hasFirst;
            try {
                call.inject();
                result = attempt.invoke(call.endpoint());
                source = iterator(result);
                hasFirst = source.hasNext();
                AttemptTimer.ended(plan, timer, watch, null);
            } catch (Throwable t) {
                Throwable failure = AttemptTimer.failed(plan, timer, watch, t);
                close(result, failure); // its HTTP response must not stay open while the next attempt runs
                call.failed(failure);
                AttemptTimer.awaitNext(plan, call, watch);
                continue;
            }
            Target target = call.target();
            call.succeeded();
            Iterator<Object> guarded = new CommittedIterator(plan, target, source, hasFirst, call);
            if (!wantsStream) return guarded;
            Stream<Object> s = StreamSupport.stream(
                    Spliterators.spliteratorUnknownSize(guarded, Spliterator.ORDERED), false);
            if (result instanceof BaseStream<?, ?> original) s = s.onClose(original::close);
            return sameShape(result, s);
        }
    }

    /** A stream of the kind the method declared: {@code IntStream}, {@code LongStream} and {@code DoubleStream} too. */
    private static Object sameShape(Object result, Stream<Object> s) {
        if (result instanceof IntStream) return s.mapToInt(e -> (Integer) e);
        if (result instanceof LongStream) return s.mapToLong(e -> (Long) e);
        if (result instanceof DoubleStream) return s.mapToDouble(e -> (Double) e);
        return s;
    }

    /** Closes a failed attempt's stream or closeable iterator; a failure to close is attached to the attempt's. */
    private static void close(Object result, Throwable failure) {
        try {
            if (result instanceof BaseStream<?, ?> s) s.close();
            else if (result instanceof AutoCloseable c) c.close();
        } catch (Throwable e) {
            if (e != failure) failure.addSuppressed(e);
        }
    }

    private static Iterator<?> iterator(Object result) {
        if (result == null) throw new NullPointerException("the protected method returned null instead of a stream");
        if (result instanceof BaseStream<?, ?> s) return s.iterator();
        return (Iterator<?>) result;
    }

    /** Delivers the elements after the first one arrived; a later failure propagates unchanged and is recorded. */
    private static final class CommittedIterator implements Iterator<Object>, AutoCloseable {
        private final MethodPlan plan;
        private final Target target;
        private final Iterator<?> source;
        private final CallState call;
        private boolean knownNext;
        private long delivered;
        private boolean failed;

        CommittedIterator(MethodPlan plan, Target target, Iterator<?> source, boolean hasFirst, CallState call) {
            this.plan = plan;
            this.target = target;
            this.source = source;
            this.knownNext = hasFirst;
            this.call = call;
        }

        @Override
        public boolean hasNext() {
            if (knownNext) return true;
            try {
                knownNext = source.hasNext();
                return knownNext;
            } catch (RuntimeException | Error e) {
                throw incomplete(e);
            }
        }

        @Override
        public Object next() {
            if (!hasNext()) throw new NoSuchElementException();
            knownNext = false;
            try {
                Object element = source.next();
                delivered++;
                return element;
            } catch (RuntimeException | Error e) {
                throw incomplete(e);
            }
        }

        /** Closes the method's iterator if it can be closed (an iterator over an HTTP response usually can). */
        @Override
        public void close() throws Exception {
            if (source instanceof AutoCloseable c) c.close();
        }

        private RuntimeException incomplete(Throwable e) {
            if (!failed) {
                failed = true;
                String summary = plan.runtime.redactor().summary(e);
                target.failedLate(plan.time.nanoTime(), summary, plan.time.now());
                plan.runtime.listeners().emit(new StreamIncomplete(call.callId(),
                        plan.methodId, plan.time.now(), target.name, delivered, e, summary));
            }
            return Sneaky.rethrow(e);
        }
    }
}
