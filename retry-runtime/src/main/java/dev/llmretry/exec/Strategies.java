package dev.llmretry.exec;

/** Choices among targets that depend on their recent record. */
final class Strategies {
    private Strategies() {
    }

    /** Index of the target with the best recent success rate (the first one on ties). */
    static int bestByRate(Target[] targets, long nowNanos) {
        int best = 0;
        double bestRate = -1;
        for (int i = 0; i < targets.length; i++) {
            double rate = targets[i].health == null ? 1.0 : targets[i].health.successRate(nowNanos);
            if (rate > bestRate) {
                best = i;
                bestRate = rate;
            }
        }
        return best;
    }
}
