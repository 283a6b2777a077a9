package dev.llmretry.exec;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The sync shell for callers that hand over a lambda ({@code LlmCall}, interceptors, the test harness): the same loop
 * as the woven sync advice, with {@link Attempt#invoke} in place of {@code proceed}. {@code SyncAdviceShapeTest}
 * checks that the advice's loop and this one stay the same statement for statement.
 *
 * <pre>{@code
 * Object answer = SyncCall.run(plan, endpoint -> client.complete(endpoint, prompt));
 * }</pre>
 */
public final class SyncCall {
    private SyncCall() {
    }

    /** Runs the attempts; returns the first success or throws the call's last failure unchanged. */
    public static Object run(MethodPlan plan, Attempt attempt) throws Throwable {
        // loop: begin
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AttemptTimer timer = plan.armTimer();
        AtomicLongArray watch = CallWatch.arm(plan, start);
        Object result;
        try {
            plan.inject(permit);
            result = attempt.invoke(plan.endpoint(permit));
            AttemptTimer.succeeded(plan, timer, watch, result);
        } catch (Throwable first) {
            try {
                CallState call = plan.failed(permit, start, callId, AttemptTimer.failed(plan, timer, watch, first));
                while (true) {
                    AttemptTimer.awaitNext(plan, call, watch);
                    timer = plan.armTimer();
                    try {
                        call.inject();
                        result = attempt.invoke(call.endpoint());
                        AttemptTimer.ended(plan, timer, watch, result);
                    } catch (Throwable again) {
                        call.failed(AttemptTimer.failed(plan, timer, watch, again));
                        continue;
                    }
                    call.succeeded();
                    return result;
                }
            } finally {
                CallWatch.disarm(watch);
            }
        }
        plan.succeeded(permit, start, callId);
        return result;
        // loop: end
    }
}
