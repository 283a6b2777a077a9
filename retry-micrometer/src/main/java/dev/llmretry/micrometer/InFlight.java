package dev.llmretry.micrometer;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What a listener keeps between a call's {@code CallStarted} and its end event, by call id. A call that ends without
 * an end event (an aborted call: its failure is rethrown at once, no event follows) would otherwise stay here for
 * ever: once {@link #LIMIT} later calls have started (call ids grow by one per call), it is handed to
 * {@code evicted} and forgotten. A call still running then (one that outlives 4,096 later calls) loses its entry
 * too: its end is then not recorded here. Thread-safe.
 */
final class InFlight<T> {
    static final int LIMIT = 4096;

    private final ConcurrentSkipListMap<Long, T> calls = new ConcurrentSkipListMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Consumer<T> evicted;
    private final int limit;

    InFlight(Consumer<T> evicted) {
        this(LIMIT, evicted);
    }

    InFlight(int limit, Consumer<T> evicted) {
        this.limit = limit;
        this.evicted = evicted;
    }

    void put(long callId, T value) {
        if (calls.put(callId, value) == null) size.incrementAndGet();
        Map.Entry<Long, T> oldest;
        while ((oldest = calls.firstEntry()) != null
                && (oldest.getKey() <= callId - limit || size.get() > limit)) {
            if (calls.remove(oldest.getKey(), oldest.getValue())) {
                size.decrementAndGet();
                evicted.accept(oldest.getValue());
            }
        }
    }

    T get(long callId) {
        return calls.get(callId);
    }

    /** The call's value, forgotten; {@code null} when the call was not seen starting (or was evicted). */
    T remove(long callId) {
        T value = calls.remove(callId);
        if (value != null) size.decrementAndGet();
        return value;
    }

    int size() {
        return size.get();
    }
}
