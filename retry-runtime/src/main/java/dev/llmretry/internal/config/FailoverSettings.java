package dev.llmretry.internal.config;

import dev.llmretry.annotation.FailoverStrategy;
import java.util.Objects;

/**
 * The {@code failover:} section of retry.yaml: whether failing over is allowed at all, and the default order of
 * endpoints. Immutable and thread-safe.
 *
 * <pre>{@code
 * failover:
 *   enabled: ${LLM_FALLBACK_ENABLED:true}   # false = only the first endpoint is used
 *   strategy: success-rate
 * }</pre>
 */
public final class FailoverSettings {
    private static final FailoverSettings DEFAULTS = new FailoverSettings(true, FailoverStrategy.PRIORITY);

    private final boolean enabled;
    private final FailoverStrategy strategy;

    private FailoverSettings(boolean enabled, FailoverStrategy strategy) {
        this.enabled = enabled;
        this.strategy = strategy;
    }

    /** Enabled, {@link FailoverStrategy#PRIORITY}. */
    public static FailoverSettings defaults() {
        return DEFAULTS;
    }

    /**
     * @throws IllegalArgumentException if {@code strategy} is {@link FailoverStrategy#POLICY} (the annotations'
     *                                  "unset" value)
     */
    public static FailoverSettings of(boolean enabled, FailoverStrategy strategy) {
        if (Objects.requireNonNull(strategy, "strategy") == FailoverStrategy.POLICY) {
            throw new IllegalArgumentException("strategy must be PRIORITY, SUCCESS_RATE or ROUND_ROBIN, not POLICY");
        }
        return new FailoverSettings(enabled, strategy);
    }

    /** When false, only the first endpoint of each call is used. */
    public boolean enabled() { return enabled; }

    /** Default order of endpoints; never {@link FailoverStrategy#POLICY}. */
    public FailoverStrategy strategy() { return strategy; }

    @Override
    public boolean equals(Object o) {
        return o instanceof FailoverSettings && ((FailoverSettings) o).enabled == enabled
                && ((FailoverSettings) o).strategy == strategy;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, strategy);
    }

    @Override
    public String toString() {
        return "FailoverSettings{enabled=" + enabled + ", strategy=" + ValueParsers.yamlName(strategy) + "}";
    }
}
