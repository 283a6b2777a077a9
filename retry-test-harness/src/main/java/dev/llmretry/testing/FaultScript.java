package dev.llmretry.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The faults scripted for one endpoint or one method, as a sequence of {@link FaultStep}s: each action appends a
 * step; attempts use up the steps in order; once all are used up the real body runs. Get one from
 * {@link Faults#on(String)} or {@link Faults#onMethod(String)}; calling it again for the same name appends.
 *
 * <pre>{@code
 * faults.on("iag").fail(504).times(2).then().rateLimited(Duration.ofSeconds(2)).then().quotaExhausted();
 * faults.onMethod(ChatService.class, "ask").timeout().always();
 * }</pre>
 *
 * <p>Thread-safe (guarded by the owning {@link Faults}).
 */
public final class FaultScript {
    private final String target;
    private final Object lock;
    private final List<FaultStep> steps = new ArrayList<>();

    FaultScript(String target, Object lock) {
        this.target = target;
        this.lock = lock;
    }

    /** Fails with an {@code LlmHttpException} of this status, with the provider's usual error body and reason. */
    public FaultStep fail(int status) {
        if (status < 400 || status > 599) throw new IllegalArgumentException("fail(" + status + "): not an error status");
        return add(Fault.throwing("fail(" + status + ")", () -> FaultErrors.status(status)));
    }

    /** Fails with {@code failure}: the instance itself the first time, a fresh copy on later firings when possible. */
    public FaultStep fail(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        return add(Fault.throwing("fail(" + failure.getClass().getSimpleName() + ")", FaultErrors.freshCopies(failure)));
    }

    /** Fails with a new throwable from {@code failures} on every firing. */
    public FaultStep fail(Supplier<? extends Throwable> failures) {
        Objects.requireNonNull(failures, "failures");
        return add(Fault.throwing("fail(supplier)", failures));
    }

    /** 429 Too Many Requests with {@code Retry-After} and {@code retry-after-ms} headers, as OpenAI and Azure send. */
    public FaultStep rateLimited(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        return add(Fault.throwing("rateLimited(" + retryAfter + ")", () -> FaultErrors.rateLimited(retryAfter)));
    }

    /** 429 with an {@code insufficient_quota} body: the account is out of credit (fails over, never retried). */
    public FaultStep quotaExhausted() {
        return add(Fault.throwing("quotaExhausted()", FaultErrors::quotaExhausted));
    }

    /**
     * A {@link java.net.http.HttpTimeoutException}, as {@code java.net.http.HttpClient} throws. It is a checked
     * {@code IOException}: the caller sees it undeclared if the method does not declare one and retries run out.
     */
    public FaultStep timeout() {
        return add(Fault.throwing("timeout()", FaultErrors::timeout));
    }

    /** Lets {@code delay} pass on the virtual clock, then lets the real body run: a slow but successful attempt. */
    public FaultStep latency(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        return add(Fault.latency(delay));
    }

    /** Fails with 503 on each attempt with probability {@code p} (repeatable for a seed), forever. */
    public FaultStep failWithProbability(double p, long seed) {
        return fail(503).always().withProbability(p, seed);
    }

    private FaultStep add(Fault fault) {
        synchronized (lock) {
            if (!steps.isEmpty() && steps.get(steps.size() - 1).forever()) {
                throw new IllegalStateException("on " + target + ": " + steps.get(steps.size() - 1).describe()
                        + " fires forever, so " + fault.description() + " after it could never run");
            }
            FaultStep step = new FaultStep(this, fault, lock);
            steps.add(step);
            return step;
        }
    }

    /** The fault for the next attempt, or null to let the body run. Caller holds the lock. */
    Fault next() {
        for (FaultStep s : steps) {
            if (s.active()) return s.take();
        }
        return null;
    }

    /** True while some step can still fire. Caller holds the lock. */
    boolean pending() {
        for (FaultStep s : steps) if (s.active()) return true;
        return false;
    }

    /** One line per step that strictness objects to. Caller holds the lock. */
    void unused(boolean strictByDefault, List<String> out) {
        for (FaultStep s : steps) {
            if (!s.used(strictByDefault)) out.add("on " + target + ": " + s.describe() + " never fired");
        }
    }

    String target() {
        return target;
    }
}
