package dev.llmretry.langchain4j;

import static org.awaitility.Awaitility.await;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.llmretry.testing.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes down what a streaming call delivered; {@link #awaitEnd} drives its retries in virtual time. */
class RecordingHandler implements StreamingChatResponseHandler {
    final List<String> partials = new CopyOnWriteArrayList<>();
    final List<ChatResponse> completions = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> ended = new CompletableFuture<>();

    @Override
    public void onPartialResponse(String text) {
        partials.add(text);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        completions.add(response);
        ended.complete(null);
    }

    @Override
    public void onError(Throwable error) {
        errors.add(error);
        ended.complete(null);
    }

    String text() {
        return String.join("", partials);
    }

    /**
     * Waits for the end of the call. Answers arrive on the HTTP client's threads (awaitility); while no attempt is in
     * flight (as the wrapped models' listeners tell) virtual time moves on in 100ms steps, so a scheduled retry runs
     * when it is due, while the deadline of an attempt in flight (minutes away) is never reached.
     */
    RecordingHandler awaitEnd(VirtualClock clock, Models.Recording... listeners) {
        while (!ended.isDone()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ended.isDone() || idle(listeners) && clock.pendingTasks() > 0);
            for (int step = 0; step < 600 && !ended.isDone() && idle(listeners); step++) {
                clock.advance(Duration.ofMillis(100));
            }
        }
        return this;
    }

    private static boolean idle(Models.Recording... listeners) {
        for (Models.Recording l : listeners) {
            if (l.inFlight()) return false;
        }
        return true;
    }
}
