package dev.llmretry.internal.exec;

import dev.llmretry.LlmCall;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The sync shell for callers that hand over a lambda ({@code LlmCall}, interceptors, the test harness): the same loop
 * as the woven sync advice, with {@link LlmCall.Attempt#apply} in place of {@code proceed} (taken as is: no adapter,
 * so an {@code LlmCall} allocates nothing per call either). {@code AdviceShapeTest} checks that the advice's loop and
 * this one stay the same statement for statement.
 *
 * <pre>{@code
 * Object answer = SyncCall.run(plan, endpoint -> client.complete(endpoint, prompt));
 * }</pre>
 */
public final class SyncCall {
    private SyncCall() {
    }

    /** Runs the attempts; returns the first success or throws the call's last failure unchanged. */
    public static Object run(MethodPlan plan, LlmCall.Attempt<?, ?> attempt) throws Throwable {
        // loop: begin
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AtomicLongArray watch = plan.watch(start);
        try {
            CallState call = null;
            while (true) {
                AttemptTimer timer = plan.armTimer();
                Object result;
                try {
                    plan.inject(permit);
                    result = attempt.apply(plan.endpoint(permit));
                    plan.ended(timer, watch, result);
                } catch (Throwable failure) {
                    call = plan.failed(call, permit, start, callId, timer, watch, failure);
                    permit = call.permit();
                    continue;
                }
                plan.succeeded(call, permit, start, callId);
                return result;
            }
        } finally {
            plan.unwatch(watch);
        }
        // loop: end
    }
}
