package dev.llmretry.internal.exec;

/**
 * Rethrows any throwable, checked or not, unchanged: a method's declared checked exceptions pass through as-is.
 *
 * <pre>{@code
 * catch (Throwable t) { throw Sneaky.rethrow(t); }   // an IOException stays an IOException
 * }</pre>
 */
public final class Sneaky {
    private Sneaky() {
    }

    /** Never returns; declared to return so callers can write {@code throw Sneaky.rethrow(t)}. */
    public static RuntimeException rethrow(Throwable t) {
        return Sneaky.<RuntimeException>doThrow(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T doThrow(Throwable t) throws T {
        throw (T) t;
    }
}
