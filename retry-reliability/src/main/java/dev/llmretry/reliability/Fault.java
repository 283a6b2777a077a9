package dev.llmretry.reliability;

/** What one chaos attempt does, with its weight out of 100: every class of failure an LLM endpoint shows. */
enum Fault {
    OK(83), LATENCY(5), STATUS_500(1), STATUS_503(2), STATUS_504(1), RATE_LIMITED(1), RATE_LIMITED_TOO_LONG(1),
    QUOTA(1), BAD_REQUEST(1), CONNECTION_RESET(1), CONNECTION_REFUSED(1), HANG(2);

    private final int weight;

    Fault(int weight) {
        this.weight = weight;
    }

    static Fault pick(int percentile) {
        int acc = 0;
        for (Fault f : values()) {
            acc += f.weight;
            if (percentile < acc) return f;
        }
        return OK;
    }
}
