package dev.llmretry.examples;

import dev.llmretry.breaker.CircuitState;
import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.LlmRetryListener;
import dev.llmretry.event.RetryScheduled;
import dev.llmretry.event.StreamIncomplete;
import dev.llmretry.examples.Console.Style;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns the library's events into the live notifications of the seeds: a yellow retry line whose countdown bar fills
 * up until the next attempt, a cyan failover, a magenta circuit change, a red critical failure, and a green line when
 * a call succeeds after trouble or an endpoint recovers. Register it with
 * {@code LlmResilience.addListener(new ConsoleNotifier(console))}; {@link #close()} stops the animation thread.
 *
 * <p>The countdown is drawn by its own daemon thread: the listener returns at once, so the library's wait is not
 * lengthened by the drawing. Thread-safe.
 */
public final class ConsoleNotifier implements LlmRetryListener, AutoCloseable {
    private static final long FRAME_MILLIS = 50;

    private final Console console;
    private final ProgressBar bar;
    private final ScheduledExecutorService animator;
    private ScheduledFuture<?> countdown;        // guarded by this

    public ConsoleNotifier(Console console) {
        this.console = console;
        this.bar = new ProgressBar(20, console.unicode());
        this.animator = console.fancy() ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-countdown");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    @Override
    public void onRetryScheduled(RetryScheduled e) {
        String head = console.symbol("  \u27f3 ", "  RETRY     ") + e.endpoint() + " attempt " + e.attempt() + "/"
                + e.maxAttempts() + " failed: " + Causes.brief(e.cause()) + console.symbol(" \u2014 ", " - ")
                + "next attempt in " + ProgressBar.duration(e.delay());
        if (animator == null) {
            line(Style.YELLOW, head);
            return;
        }
        animate(head, e.delay(), e.nextAttemptAt());
    }

    @Override
    public void onFailover(FailedOver e) {
        line(Style.CYAN, console.symbol("  \u21aa failover ", "  FAILOVER  ") + e.from() + " \u2192 " + e.to()
                + " (" + e.reason() + "): " + Causes.brief(e.cause()));
    }

    @Override
    public void onCircuitStateChange(CircuitStateChanged e) {
        if (e.to() == CircuitState.OPEN) {
            String probe = e.retryAt() == null ? "" : "; next probe in "
                    + ProgressBar.seconds(Duration.between(e.time(), e.retryAt()));
            line(Style.MAGENTA, console.symbol("  \u26a1 ", "  CIRCUIT   ") + e.breaker()
                    + " circuit OPEN: calls skip it" + probe);
        } else if (e.to() == CircuitState.HALF_OPEN) {
            line(Style.YELLOW, console.symbol("  \u25d0 ", "  CIRCUIT   ") + e.breaker()
                    + " circuit HALF-OPEN: the next call probes it");
        } else {
            line(Style.GREEN, console.symbol("  \u2714 ", "  RECOVERED ") + e.breaker() + " circuit CLOSED: "
                    + e.breaker() + " is back");
        }
    }

    @Override
    public void onStreamIncomplete(StreamIncomplete e) {
        line(Style.MAGENTA, console.symbol("  \u2702 ", "  STREAM    ") + "stream from " + e.endpoint()
                + " broke after " + e.elementsDelivered() + " chunks: " + Causes.brief(e.cause())
                + "; not retried (the reader already has those chunks)");
    }

    @Override
    public void onSuccess(CallSucceeded e) {
        if (e.attempts() > 1 || e.failedOver()) {
            line(Style.GREEN, console.symbol("  \u2714 ", "  OK        ") + "answered by " + e.endpoint() + " after "
                    + e.attempts() + " attempts" + (e.failedOver() ? " (failed over)" : ""));
        }
    }

    @Override
    public void onExhausted(CallExhausted e) {
        line(Style.RED, console.symbol("  \u2716 ", "  ") + "CRITICAL  " + e.why() + " after " + e.attempts()
                + " attempt(s) on " + e.endpointsTried() + ": " + Causes.brief(e.cause()));
    }

    /** Stops the countdown thread. */
    @Override
    public void close() {
        if (animator != null) animator.shutdownNow();
        console.endLiveLine();
    }

    private void line(Style style, String text) {
        stopCountdown();
        console.line(style, console.unicode() ? text : text.replace("\u2192", "->").replace("\u2014", "-"));
    }

    private synchronized void animate(String head, Duration delay, Instant nextAttemptAt) {
        stopCountdown();
        Object token = console.startLive(Style.YELLOW, head, bar.render(delay, delay), bar.render(delay, Duration.ZERO));
        countdown = animator.scheduleAtFixedRate(() -> {
            Duration left = Duration.between(Instant.now(), nextAttemptAt);
            console.redraw(token, bar.render(delay, left));
            if (left.isNegative() || left.isZero()) throw new CancellationStop(); // ends the repetition
        }, FRAME_MILLIS, FRAME_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void stopCountdown() {
        if (countdown != null) {
            countdown.cancel(false);
            countdown = null;
        }
    }

    /** Thrown by the countdown task to end its fixed-rate repetition once the wait is over. */
    private static final class CancellationStop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CancellationStop() {
            super(null, null, false, false);
        }
    }
}
