package dev.llmretry.internal.exec;

import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.internal.health.EndpointHealth;

/**
 * Read access to a target for the health report and the facade.
 *
 * <pre>{@code
 * for (TargetView t : LlmRuntime.get().targets()) log.info("{} {}", t.name(), t.breaker().state());
 * }</pre>
 */
public final class TargetView {
    private final Target target;

    TargetView(Target target) {
        this.target = target;
    }

    public String name() { return target.name; }

    /** The breaker, or {@code null} for a target without one. */
    public CircuitBreaker breaker() { return target.breaker; }

    /** The health counters, or {@code null}. */
    public EndpointHealth health() { return target.health; }
}
