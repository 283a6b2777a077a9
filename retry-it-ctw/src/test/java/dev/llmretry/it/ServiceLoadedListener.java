package dev.llmretry.it;

import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.LlmRetryListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Registered in META-INF/services: proves listeners are found through ServiceLoader. */
public class ServiceLoadedListener implements LlmRetryListener {
    static final List<CallSucceeded> SUCCESSES = new CopyOnWriteArrayList<>();

    @Override
    public void onSuccess(CallSucceeded event) {
        SUCCESSES.add(event);
    }
}
