package dev.llmretry.testing;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.Supplier;

/** What one firing does before the attempt's body: throw, or let virtual time pass. Immutable. */
interface Fault {
    void fire(VirtualClock clock) throws Throwable;

    String description();

    static Fault throwing(String description, Supplier<? extends Throwable> failure) {
        return new Fault() {
            @Override
            public void fire(VirtualClock clock) throws Throwable {
                Throwable t = failure.get();
                if (t == null) throw new IllegalStateException("the supplier of " + description + " returned null");
                throw t;
            }

            @Override
            public String description() {
                return description;
            }
        };
    }

    /**
     * Lets {@code d} pass on the virtual clock, then lets the real body run. An attempt timeout that falls due meanwhile
     * interrupts the thread, exactly as a blocked read would be: the attempt then fails as a real slow call would.
     */
    static Fault latency(Duration d) {
        return new Fault() {
            @Override
            public void fire(VirtualClock clock) throws Throwable {
                clock.advance(d);
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted during a simulated latency of " + d);
                }
            }

            @Override
            public String description() {
                return "latency(" + d + ")";
            }
        };
    }
}
