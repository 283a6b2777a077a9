package dev.llmretry.internal.exec;

/**
 * The call on whose behalf the current thread is recording an outcome, so that a circuit change it causes can be
 * attributed to it. Set only around breaker updates on failure paths; never on the success path.
 */
final class CallContext {
    private static final ThreadLocal<CallState> CURRENT = new ThreadLocal<>();

    private CallContext() {
    }

    static void enter(CallState call) { CURRENT.set(call); }

    static void exit() { CURRENT.remove(); }

    static long currentCallId() {
        CallState c = CURRENT.get();
        return c == null ? 0 : c.callId();
    }

    static String currentMethod() {
        CallState c = CURRENT.get();
        return c == null ? "" : c.plan.methodId;
    }
}
