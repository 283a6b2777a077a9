package dev.llmretry.examples;

import java.time.Duration;
import java.util.Locale;

/**
 * Draws a countdown: {@code [██████░░░░░░] 1.2s} in a terminal, {@code [######------] 1.2s} elsewhere. Pure text,
 * no state: the caller redraws it as time passes. Thread-safe.
 */
public final class ProgressBar {
    private final int width;
    private final boolean unicode;

    public ProgressBar(int width, boolean unicode) {
        if (width < 1) throw new IllegalArgumentException("width must be >= 1, was " + width);
        this.width = width;
        this.unicode = unicode;
    }

    /**
     * The bar for a wait of {@code total} of which {@code remaining} is left: it fills up as the wait passes.
     * Remaining time outside {@code [0, total]} is clamped.
     */
    public String render(Duration total, Duration remaining) {
        long totalMs = Math.max(1, total.toMillis());
        long leftMs = Math.max(0, Math.min(totalMs, remaining.toMillis()));
        int filled = (int) Math.round(width * (totalMs - leftMs) / (double) totalMs);
        String done = (unicode ? "\u2588" : "#").repeat(filled);
        String todo = (unicode ? "\u2591" : "-").repeat(width - filled);
        return "[" + done + todo + "] " + seconds(Duration.ofMillis(leftMs));
    }

    /** A wait as a person reads it: {@code 5ms} below a second unless a round tenth, else {@code 0.4s}. */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 && ms % 100 != 0 ? ms + "ms" : seconds(d);
    }

    /** {@code 0.4s}, {@code 12.0s}: the precision a person reads in a countdown. */
    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
