package dev.llmretry.micrometer;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What a listener keeps between a call's {@code CallStarted} and its end event, by call id. Bounded: a call that
 * ends without an end event (an aborted call: its failure is rethrown at once, no event follows) would otherwise
 * stay here for ever; past {@link #LIMIT} entries the oldest call is handed to {@code evicted} and forgotten.
 * Thread-safe.
 */
final class InFlight<T> {
    static final int LIMIT = 4096;

    private final ConcurrentSkipListMap<Long, T> calls = new ConcurrentSkipListMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Consumer<T> evicted;

    InFlight(Consumer<T> evicted) {
        this.evicted = evicted;
    }

    void put(long callId, T value) {
        if (calls.put(callId, value) == null && size.incrementAndGet() > LIMIT) {
            Map.Entry<Long, T> oldest = calls.pollFirstEntry();
            if (oldest != null) {
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
