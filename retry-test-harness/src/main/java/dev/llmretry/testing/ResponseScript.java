package dev.llmretry.testing;

import dev.llmretry.testing.server.IncomingRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a {@link FakeLlmServer} answers next, and what it has received. Recording a request and
 * choosing its answer happen under one lock, so the n-th recorded request is the one that got the
 * n-th scripted answer even with concurrent clients. Thread-safe.
 */
final class ResponseScript {

    /** A recorded request and the scripted answer chosen for it ({@code null}: the default answer). */
    record Turn(RecordedRequest request, FakeResponse response) { }

    private static final class Entry {
        final Predicate<? super RecordedRequest> condition;
        final FakeResponse response;
        int remaining;

        Entry(Predicate<? super RecordedRequest> condition, FakeResponse response) {
            this.condition = condition;
            this.response = response;
            this.remaining = response.spec.times;
        }
    }

    private final Object lock = new Object();
    private final Deque<Entry> queue = new ArrayDeque<>();           // guarded by lock
    private final List<RecordedRequest> received = new ArrayList<>(); // guarded by lock
    private Supplier<FakeResponse> fallback = () -> null;            // guarded by lock

    void enqueue(Predicate<? super RecordedRequest> condition, FakeResponse response) {
        Objects.requireNonNull(response, "response");
        synchronized (lock) {
            queue.addLast(new Entry(condition, response));
        }
    }

    void always(FakeResponse response) {
        Objects.requireNonNull(response, "response");
        synchronized (lock) {
            fallback = () -> response;
        }
    }

    void failWithProbability(double probability, long seed, FakeResponse failure) {
        Objects.requireNonNull(failure, "failure");
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be between 0.0 and 1.0, was " + probability);
        }
        Random random = new Random(seed);
        synchronized (lock) {
            fallback = () -> random.nextDouble() < probability ? failure : null; // only ever called under lock
        }
    }

    /** Records a request that is not a chat completion: it consumes nothing from the script. */
    RecordedRequest record(IncomingRequest request) {
        synchronized (lock) {
            RecordedRequest recorded = RecordedRequest.of(received.size() + 1, request);
            received.add(recorded);
            return recorded;
        }
    }

    /** Records a chat request and takes its answer: first matching queued entry, then the fallback. */
    Turn take(IncomingRequest request) {
        synchronized (lock) {
            RecordedRequest recorded = record(request);
            for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (entry.condition == null || entry.condition.test(recorded)) {
                    if (--entry.remaining == 0) {
                        it.remove();
                    }
                    return new Turn(recorded, entry.response);
                }
            }
            return new Turn(recorded, fallback.get());
        }
    }

    List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(received);
        }
    }

    int requestCount() {
        synchronized (lock) {
            return received.size();
        }
    }

    RecordedRequest lastRequest() {
        synchronized (lock) {
            return received.isEmpty() ? null : received.get(received.size() - 1);
        }
    }

    int pendingResponses() {
        synchronized (lock) {
            return queue.stream().mapToInt(entry -> entry.remaining).sum();
        }
    }

    void reset() {
        synchronized (lock) {
            queue.clear();
            received.clear();
            fallback = () -> null;
        }
    }
}
