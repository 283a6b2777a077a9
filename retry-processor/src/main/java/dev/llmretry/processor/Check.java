package dev.llmretry.processor;

import dev.llmretry.internal.config.CallRule;
import dev.llmretry.internal.config.DeclaredCall;
import java.util.Locale;
import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor can report, with its stable id. Errors are rules the runtime cannot honour;
 * warnings are legal but likely wrong and can be suppressed with {@code @SuppressWarnings("llmretry")} or
 * {@code @SuppressWarnings("llmretry:<key>")} on the element or an enclosing class. docs/compile-time-checks.md
 * lists them all with an example and the fix.
 *
 * <pre>{@code
 * diagnostics.report(Check.MAX_ATTEMPTS, site, "maxAttempts", "...");
 * }</pre>
 */
enum Check {
    MAX_ATTEMPTS(1),
    DURATION_SYNTAX(2),
    BACKOFF_ORDER(3),
    MULTIPLIER(4),
    DEAD_RETRY_ON(5),
    BREAKER_COUNT(6),
    DURATION_NOT_POSITIVE(7),
    NO_ENDPOINTS(10),
    DUPLICATE_ENDPOINT(11),
    ENDPOINT_PARAMETER(12),
    ENDPOINT_POSITION(13),
    ABSTRACT_METHOD(14),
    BREAKER_CONFLICT(15),
    UNTRACKED_RESULT(16),
    UNSUPPORTED_RESULT(17),
    UNKNOWN_ENDPOINT(20),
    UNKNOWN_RETRY_POLICY(21),
    UNKNOWN_BREAKER_POLICY(22),
    BROKEN_CONFIG(23),
    CONFIG_NOT_READABLE(24),
    POLICY_CONFLICT(25),
    MANY_ATTEMPTS(101, "many-attempts"),
    DEADLINE_BEFORE_BACKOFF(102, "no-deadline"),
    BREAKER_IGNORED(103, "breaker-ignored"),
    SINGLE_ENDPOINT(104, "single-endpoint"),
    BROAD_RETRY_ON(105, "broad-retry-on"),
    INTERNAL_ERROR(900, "internal");

    /** {@code @SuppressWarnings} value silencing every llm-retry warning. */
    static final String SUPPRESS_ALL = "llmretry";

    private final String id;
    private final String suppressKey;

    Check(int number) {
        this(number, null);
    }

    Check(int number, String suppressKey) {
        this.id = String.format(Locale.ROOT, "LLMR-%03d", number);
        this.suppressKey = suppressKey;
    }

    /** The check of a rule that the runtime's {@link DeclaredCall} decides: the one of the same name. */
    static Check of(CallRule rule) {
        return valueOf(rule.name());
    }

    /** {@code LLMR-001}. */
    String id() {
        return id;
    }

    /** Errors cannot be suppressed; warnings (ids from 100) can. */
    Diagnostic.Kind kind() {
        return suppressKey == null ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
    }

    /** {@code llmretry:<key>}, or null for an error. */
    String suppressionName() {
        return suppressKey == null ? null : SUPPRESS_ALL + ":" + suppressKey;
    }
}
