package dev.llmretry.benchmarks.sim;

/**
 * What one client got in one scenario. Times are virtual. "Settled" figures cover the calls that started between
 * 60 s after the outage began and its end, when every breaker had had time to react. -1 means not applicable.
 *
 * @param calls             user calls made
 * @param answered          user calls that got an answer
 * @param requests          requests sent to any endpoint
 * @param p50AddedMs        median time a call took beyond one answered request (for an unanswered call: all of it)
 * @param p99AddedMs        99th percentile of the same
 * @param sentWhileDown     requests sent to an endpoint while it was down, out of quota or in an overload episode
 * @param reuseAfterSec     seconds from the primary's recovery to its first successful request
 * @param settledPerCall    requests per user call in the settled window
 * @param settledMaxWaitMs  longest time a settled call took beyond one answered request
 * @param settledProbes     requests to the (dead) primary in the settled window
 * @param settledSeconds    length of the settled window
 * @param healthyAfterSec   (vi) seconds from the spike's end until the primary served again with no rejection since
 * @param peakPrimaryPerSec (vi) most requests the primary got in one second, from the spike's start
 * @param primaryLoad       (vi) requests to the primary from the spike's start to 4 minutes after its end
 * @param firstAnswerAfterSec seconds from the end of an outage to the first answered request on any endpoint
 */
public record Outcome(ClientKind client, int calls, int answered, long requests, double p50AddedMs,
                      double p99AddedMs, int sentWhileDown, double reuseAfterSec, double settledPerCall,
                      double settledMaxWaitMs, int settledProbes, double settledSeconds, double healthyAfterSec,
                      int peakPrimaryPerSec, int primaryLoad, double firstAnswerAfterSec) {

    /** Share of user calls answered. */
    public double successRate() {
        return (double) answered / calls;
    }

    /** Requests sent per user call: load amplification. */
    public double amplification() {
        return (double) requests / calls;
    }
}
