package dev.llmretry.exec;

import dev.llmretry.Endpoint;
import dev.llmretry.event.StreamIncomplete;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.BaseStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The streaming shell for {@link Stream} and {@link Iterator} results: an attempt succeeds once its first element
 * has arrived (or the stream turned out empty), so failures before that are retried and failed over exactly like a
 * sync call, with the same decision core. The first element is fetched before the method returns. After it, a
 * failure is reported as-is to the consumer, recorded against the endpoint, marked by a {@link StreamIncomplete}
 * event, and never retried: the consumer must not see text twice.
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
        long start = plan.start();
        Object permit = plan.enter();
        CallState call = null;
        while (true) {
            Endpoint endpoint = call == null ? plan.endpoint(permit) : call.endpoint();
            AttemptTimer timer = plan.armTimer();
            Object result;
            Iterator<?> source;
            boolean hasFirst;
            try {
                if (call == null) plan.inject(permit);
                else call.inject();
                result = attempt.invoke(endpoint);
                source = iterator(result);
                hasFirst = source.hasNext();
            } catch (Throwable t) {
                Throwable failure = plan.timedOut(timer, t);
                if (call == null) call = plan.failed(permit, start, failure);
                else call.failed(failure);
                call.awaitNext();
                continue;
            }
            plan.disarm(timer);
            Target target = call == null ? Target.of(permit) : call.target();
            if (call == null) plan.succeeded(permit, start);
            else call.succeeded();
            Iterator<Object> guarded = new CommittedIterator(plan, target, source, hasFirst,
                    call == null ? 0 : call.callId());
            if (!wantsStream) return guarded;
            Stream<Object> s = StreamSupport.stream(
                    Spliterators.spliteratorUnknownSize(guarded, Spliterator.ORDERED), false);
            return result instanceof BaseStream<?, ?> original ? s.onClose(original::close) : s;
        }
    }

    private static Iterator<?> iterator(Object result) {
        if (result == null) throw new NullPointerException("the protected method returned null instead of a stream");
        if (result instanceof BaseStream<?, ?> s) return s.iterator();
        return (Iterator<?>) result;
    }

    /** Delivers the elements after the first one arrived; a later failure propagates unchanged and is recorded. */
    private static final class CommittedIterator implements Iterator<Object> {
        private final MethodPlan plan;
        private final Target target;
        private final Iterator<?> source;
        private final long callId;
        private boolean knownNext;
        private long delivered;
        private boolean failed;

        CommittedIterator(MethodPlan plan, Target target, Iterator<?> source, boolean hasFirst, long callId) {
            this.plan = plan;
            this.target = target;
            this.source = source;
            this.knownNext = hasFirst;
            this.callId = callId;
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

        private RuntimeException incomplete(Throwable e) {
            if (!failed) {
                failed = true;
                String summary = plan.runtime.redactor().summary(e);
                target.failedLate(plan.time.nanoTime(), summary, plan.time.now());
                plan.runtime.listeners().emit(new StreamIncomplete(callId != 0 ? callId : plan.runtime.nextCallId(),
                        plan.methodId, plan.time.now(), target.name, delivered, e, summary));
            }
            return Sneaky.rethrow(e);
        }
    }
}
