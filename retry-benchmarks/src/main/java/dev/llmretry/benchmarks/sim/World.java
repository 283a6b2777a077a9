package dev.llmretry.benchmarks.sim;

import dev.llmretry.LlmHttpException;
import dev.llmretry.testing.VirtualClock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The simulated endpoints and what they saw. Every request any client sends goes through {@link #send}: an answer
 * takes {@link #ANSWER_NANOS} of virtual time, an error answer {@link #ERROR_NANOS}, and a hanging endpoint never
 * answers, so many calls are in flight at once and the breakers see their outcomes interleaved. Single-threaded, like
 * the simulation.
 */
public final class World {
    static final long SECOND = 1_000_000_000L;
    /** How long an answered request takes: the part of a call's time that is not added by failures. */
    public static final long ANSWER_NANOS = SECOND;
    /** How long an error answer (503, 429) takes to come back. */
    public static final long ERROR_NANOS = 50_000_000L;

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
    private long recoveryAt = Long.MAX_VALUE;
    private long firstAnswerAfterRecovery = -1;

    World(VirtualClock clock, Map<String, EndpointModel> models, int users, long horizonNanos) {
        this.clock = clock;
        this.models = models;
        this.perUser = new int[users];
        int seconds = (int) (horizonNanos / SECOND) + 3600;
        this.primaryServed = new int[seconds];
        this.primaryRejected = new int[seconds];
        models.keySet().forEach(n -> sentWhileDown.put(n, new int[1]));
    }

    /** One request from user call {@code user} to {@code endpoint}: completes when the endpoint answers (or never). */
    public CompletableFuture<String> send(String endpoint, int user) {
        long now = clock.nanoTime();
        EndpointModel m = models.get(endpoint);
        requests++;
        perUser[user]++;
        if (m.down(now)) sentWhileDown.get(endpoint)[0]++;
        CompletableFuture<String> answer = new CompletableFuture<>();
        if (m.hangs(now)) return answer;
        RuntimeException failure = m.answer(now);
        if (endpoint.equals(PRIMARY)) recordPrimary(now, failure == null);
        if (failure == null && now >= recoveryAt && firstAnswerAfterRecovery < 0) firstAnswerAfterRecovery = now;
        if (failure == null) clock.schedule(() -> answer.complete("answer from " + endpoint), ANSWER_NANOS);
        else clock.schedule(() -> answer.completeExceptionally(failure), ERROR_NANOS);
        return answer;
    }

    /** {@link #send} with the client's own attempt timeout ({@code 0}: none): a hung request fails with a 504-like error. */
    public CompletableFuture<String> send(String endpoint, int user, long timeoutNanos) {
        CompletableFuture<String> answer = send(endpoint, user);
        if (timeoutNanos > 0 && !answer.isDone()) {
            clock.schedule(() -> answer.completeExceptionally(new LlmHttpException(504, Map.of(), "client timeout")),
                    timeoutNanos);
        }
        return answer;
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

    /** From when on the first answered request (to any endpoint) is noted: the end of an outage. */
    void watchRecoveryFrom(long nanos) { recoveryAt = nanos; }

    /** The first answered request at or after {@link #watchRecoveryFrom}, or -1. */
    long firstAnswerAfterRecovery() { return firstAnswerAfterRecovery; }

    long requests() { return requests; }

    int requestsOf(int user) { return perUser[user]; }

    int sentWhileDown() {
        return sentWhileDown.values().stream().mapToInt(a -> a[0]).sum();
    }

    /** Requests to the primary in {@code [from, to)} (hung ones excluded). */
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
