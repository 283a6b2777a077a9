package dev.llmretry.testing;

import dev.llmretry.Endpoint;
import dev.llmretry.exec.CallState;
import dev.llmretry.exec.LlmRuntime;
import dev.llmretry.exec.MethodPlan;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs a protected call the way the woven sync advice does (SyncAdvice.aj), without weaving: this module's classes
 * are not woven. The plan comes from {@link DrivenMethods}' annotations; {@code body} stands for the method's body.
 */
final class Driver {
    interface Body {
        String run(Endpoint endpoint) throws Exception;
    }

    private Driver() {
    }

    /** {@link DrivenMethods#chat}: retry, then fail over iag -> oneapi -> litellm. */
    static String chat(Body body) {
        return call("chat", body);
    }

    /** {@link DrivenMethods#ask}: four attempts, exponential backoff from 1s, no failover. */
    static String ask(Body body) {
        return call("ask", body);
    }

    static String chat() {
        return chat(e -> "answer from " + e.name());
    }

    static String call(String methodName, Body body) {
        Method m = Arrays.stream(DrivenMethods.class.getDeclaredMethods()).filter(x -> x.getName().equals(methodName))
                .findFirst().orElseThrow();
        MethodPlan plan = LlmRuntime.get().plans().of(m);
        long start = plan.start();
        Object permit = plan.enter();
        String result;
        try {
            plan.inject(permit);
            result = body.run(plan.endpoint(permit));
        } catch (Throwable first) {
            CallState call = plan.failed(permit, start, first);
            while (true) {
                call.awaitNext();
                try {
                    call.inject();
                    result = body.run(call.endpoint());
                } catch (Throwable again) {
                    call.failed(again);
                    continue;
                }
                call.succeeded();
                return result;
            }
        }
        plan.succeeded(permit, start);
        return result;
    }
}
