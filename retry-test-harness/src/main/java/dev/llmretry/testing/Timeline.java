package dev.llmretry.testing;

import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.LlmRetryEvent;
import dev.llmretry.event.RetryScheduled;
import dev.llmretry.event.StreamIncomplete;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Renders what happened in a test, one line per attempt or event, in virtual time. Stateless. */
final class Timeline {
    private Timeline() {
    }

    static String render(List<Object> entries) {
        if (entries.isEmpty()) return "  (nothing: no protected call made an attempt; is the class woven?)";
        StringBuilder out = new StringBuilder();
        int attempt = 0;
        for (Object e : entries) {
            if (e instanceof RecordedAttempt a) {
                attempt++;
                line(out, a.time(), "attempt", a.endpoint(), "#" + attempt + " " + shortMethod(a.method()));
            } else {
                LlmRetryEvent ev = (LlmRetryEvent) e;
                line(out, ev.time(), kind(ev), subject(ev), detail(ev));
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, Instant time, String kind, String subject, String detail) {
        Duration t = Duration.between(VirtualClock.EPOCH, time);
        out.append(String.format("  +%8.3fs  %-9s %-16s %s%n", t.toNanos() / 1e9, kind, subject, detail));
    }

    private static String kind(LlmRetryEvent e) {
        if (e instanceof RetryScheduled) return "retry";
        if (e instanceof FailedOver) return "failover";
        if (e instanceof CircuitStateChanged) return "circuit";
        if (e instanceof StreamIncomplete) return "cut";
        if (e instanceof CallSucceeded) return "success";
        return "exhausted";
    }

    private static String subject(LlmRetryEvent e) {
        if (e instanceof RetryScheduled r) return r.endpoint();
        if (e instanceof FailedOver f) return f.from() + " -> " + f.to();
        if (e instanceof CircuitStateChanged c) return c.breaker();
        if (e instanceof StreamIncomplete s) return s.endpoint();
        if (e instanceof CallSucceeded s) return s.endpoint();
        return String.join(",", ((CallExhausted) e).endpointsTried());
    }

    private static String detail(LlmRetryEvent e) {
        if (e instanceof RetryScheduled r) {
            return "attempt " + r.attempt() + "/" + r.maxAttempts() + " failed: " + shorten(r.causeSummary()) + "; waits "
                    + format(r.delay());
        }
        if (e instanceof FailedOver f) return "(" + f.reason() + ") " + shorten(f.causeSummary());
        if (e instanceof CircuitStateChanged c) {
            return c.from() + " -> " + c.to() + (c.retryAt() == null ? ""
                    : ", probe at +" + format(Duration.between(VirtualClock.EPOCH, c.retryAt())));
        }
        if (e instanceof StreamIncomplete s) return "after " + s.elementsDelivered() + " elements: " + shorten(s.causeSummary());
        if (e instanceof CallSucceeded s) return "after " + s.attempts() + " attempt(s)" + (s.failedOver() ? ", failed over" : "");
        CallExhausted x = (CallExhausted) e;
        return x.why() + " after " + x.attempts() + " attempt(s): " + shorten(x.causeSummary());
    }

    /** The failure's first words: {@code "504 Gateway Timeout"} rather than the whole JSON body. */
    static String shorten(String summary) {
        if (summary == null) return "";
        int json = summary.indexOf(": {");
        String s = json > 0 ? summary.substring(0, json) : summary;
        return s.length() > 100 ? s.substring(0, 97) + "..." : s;
    }

    static String format(Duration d) {
        if (d.toNanos() % 1_000_000_000L == 0) return d.toSeconds() + "s";
        if (d.toNanos() % 1_000_000L == 0) return d.toMillis() + "ms";
        return d.toString();
    }

    private static String shortMethod(String method) {
        int dot = method.lastIndexOf('.', method.indexOf('#') < 0 ? method.length() : method.indexOf('#'));
        return dot < 0 ? method : method.substring(dot + 1);
    }
}
