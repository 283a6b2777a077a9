package dev.llmretry.redis;

import dev.llmretry.store.Fleet;
import dev.llmretry.store.Outcomes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** One instance's side of a store, as a test sees it: what the store applied here, and outcomes a test sets. */
final class RecordingFleet implements Fleet {
    final List<String> applied = new CopyOnWriteArrayList<>();
    final Map<String, Outcomes> local = new ConcurrentHashMap<>();

    @Override public Set<String> endpoints() { return Set.of("iag", "oneapi"); }

    @Override public Outcomes local(String endpoint) { return local.getOrDefault(endpoint, Outcomes.NONE); }

    final Map<String, Instant> openHere = new ConcurrentHashMap<>();

    @Override public Map<String, Instant> openHere() { return openHere; }

    @Override public void openedElsewhere(String endpoint, Instant until) { applied.add("open " + endpoint); }

    @Override public void fleetFailures(String endpoint, long consecutive) { applied.add("run " + endpoint + " " + consecutive); }

    @Override public void closedElsewhere(String endpoint) { applied.add("closed " + endpoint); }

    @Override public Instant now() { return Instant.now(); }

    @Override public long windowMillis() { return 60_000; }
}
