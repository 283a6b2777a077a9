package dev.llmretry.benchmarks.sim;

import dev.llmretry.testing.VirtualClock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The simulated endpoints and what they saw. Every request any client sends goes through {@link #send}, which
 * answers at once (attempts take no virtual time: all latency in the results is added by waiting) and records it.
 * Single-threaded, like the simulation.
 */
public final class World {
    static final long SECOND = 1_000_000_000L;

    /** The endpoint plain clients use; llm-retry's first choice. */
    public static final String PRIMARY = "iag";

    private final VirtualClock clock;
    private final Map<String, EndpointModel> models;
    private final Map<String, int[]> sentWhileDown = new LinkedHashMap<>();
    private final int[] perUser;
    private final int[] primaryServed;
    private final int[] primaryRejected;
    private long[] primaryTimes = new long[1024];
    private boolean[] primaryOk = new boolean[1024];
    private int primaryCount;
    private long requests;

    World(VirtualClock clock, Map<String, EndpointModel> models, int users, long horizonNanos) {
        this.clock = clock;
        this.models = models;
        this.perUser = new int[users];
        int seconds = (int) (horizonNanos / SECOND) + 3600;
        this.primaryServed = new int[seconds];
        this.primaryRejected = new int[seconds];
        models.keySet().forEach(n -> sentWhileDown.put(n, new int[1]));
    }

    /** One request from user call {@code user} to {@code endpoint}: answered or failed now. */
    public CompletableFuture<String> send(String endpoint, int user) {
        RuntimeException failure = request(endpoint, user);
        return failure == null ? CompletableFuture.completedFuture("answer from " + endpoint)
                : CompletableFuture.failedFuture(failure);
    }

    /** The same as {@link #send}, synchronously: {@code null} if answered, else the failure. */
    public RuntimeException request(String endpoint, int user) {
        long now = clock.nanoTime();
        EndpointModel m = models.get(endpoint);
        requests++;
        perUser[user]++;
        if (m.down(now)) sentWhileDown.get(endpoint)[0]++;
        RuntimeException failure = m.answer(now);
        if (endpoint.equals(PRIMARY)) recordPrimary(now, failure == null);
        return failure;
    }

    private void recordPrimary(long now, boolean ok) {
        int s = (int) Math.min(now / SECOND, primaryServed.length - 1);
        if (ok) primaryServed[s]++;
        else primaryRejected[s]++;
        if (primaryCount == primaryTimes.length) {
            primaryTimes = Arrays.copyOf(primaryTimes, primaryCount * 2);
            primaryOk = Arrays.copyOf(primaryOk, primaryCount * 2);
        }
        primaryTimes[primaryCount] = now;
        primaryOk[primaryCount++] = ok;
    }

    long requests() { return requests; }

    int requestsOf(int user) { return perUser[user]; }

    int sentWhileDown() {
        return sentWhileDown.values().stream().mapToInt(a -> a[0]).sum();
    }

    /** Requests to the primary in {@code [from, to)}. */
    int primaryRequests(long from, long to) {
        int n = 0;
        for (int i = 0; i < primaryCount; i++) if (primaryTimes[i] >= from && primaryTimes[i] < to) n++;
        return n;
    }

    /** The first successful primary request at or after {@code from}, or -1. */
    long firstPrimarySuccess(long from) {
        for (int i = 0; i < primaryCount; i++) if (primaryOk[i] && primaryTimes[i] >= from) return primaryTimes[i];
        return -1;
    }

    /** Highest number of requests the primary got in one virtual second within {@code [fromSec, toSec)}. */
    int peakPrimaryPerSecond(int fromSec, int toSec) {
        int peak = 0;
        for (int s = fromSec; s < Math.min(toSec, primaryServed.length); s++) {
            peak = Math.max(peak, primaryServed[s] + primaryRejected[s]);
        }
        return peak;
    }

    /**
     * From {@code fromSec} until {@code toSec}: the first second in which the primary served requests and after
     * which it rejected none (seconds without any request are neutral); -1 if that never happened.
     */
    int primaryHealthyFrom(int fromSec, int toSec) {
        int healthyFrom = -1;
        for (int s = fromSec; s < toSec; s++) {
            if (primaryRejected[s] > 0) healthyFrom = -1;
            else if (primaryServed[s] > 0 && healthyFrom < 0) healthyFrom = s;
        }
        return healthyFrom;
    }
}
