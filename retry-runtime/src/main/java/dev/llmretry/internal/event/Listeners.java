package dev.llmretry.internal.event;

import dev.llmretry.event.CallStarted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.LlmRetryEvent;
import dev.llmretry.event.LlmRetryListener;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the logging listener, the {@link ServiceLoader} listeners and those added at run time. A
 * listener that throws is logged once (per listener class and event kind) and otherwise ignored. Thread-safe;
 * delivery takes no lock.
 *
 * <pre>{@code
 * listeners.add(myListener);
 * listeners.emit(new CallSucceeded(...));
 * }</pre>
 */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final CopyOnWriteArrayList<LlmRetryListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> reportedFailures = new ConcurrentHashMap<>();
    private volatile boolean successWanted;
    private volatile boolean startWanted;

    /** Listeners: SLF4J logging first, then every {@code LlmRetryListener} registered with {@link ServiceLoader}. */
    public static Listeners withDefaults(ClassLoader loader) {
        Listeners l = new Listeners();
        l.add(new LoggingListener());
        ServiceLoader<LlmRetryListener> services = ServiceLoader.load(LlmRetryListener.class, loader);
        for (var it = services.iterator(); ; ) {
            try {
                if (!it.hasNext()) break;
                l.add(it.next());
            } catch (Throwable broken) {
                LOG.warn("Ignoring a LlmRetryListener from META-INF/services that cannot be loaded: {}", broken.toString());
            }
        }
        return l;
    }

    public void add(LlmRetryListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        wants();
    }

    public boolean remove(LlmRetryListener listener) {
        boolean removed = listeners.remove(listener);
        wants();
        return removed;
    }

    public List<LlmRetryListener> all() {
        return List.copyOf(listeners);
    }

    private void wants() {
        successWanted = listeners.stream().anyMatch(l -> overrides(l, "onSuccess", CallSucceeded.class));
        startWanted = listeners.stream().anyMatch(l -> overrides(l, "onCallStarted", CallStarted.class));
    }

    /** True when some listener overrides {@code onSuccess}: only then do first-attempt successes build an event. */
    public boolean successWanted() {
        return successWanted;
    }

    /** True when some listener overrides {@code onCallStarted}: only then do calls build a {@link CallStarted}. */
    public boolean startWanted() {
        return startWanted;
    }

    public void emit(LlmRetryEvent event) {
        for (LlmRetryListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (Throwable t) {
                String key = l.getClass().getName() + "/" + event.getClass().getSimpleName();
                if (reportedFailures.putIfAbsent(key, Boolean.TRUE) == null) {
                    LOG.warn("Listener {} threw {} on {}; the call goes on. Further failures of this listener on "
                            + "this event are not logged.", l.getClass().getName(), t.toString(),
                            event.getClass().getSimpleName());
                }
            }
        }
    }

    /** Whether {@code l} overrides {@code method} or the catch-all {@code onEvent} (a lambda-free check, once). */
    private static boolean overrides(LlmRetryListener l, String method, Class<?> event) {
        try {
            return l.getClass().getMethod(method, event).getDeclaringClass() != LlmRetryListener.class
                    || l.getClass().getMethod("onEvent", LlmRetryEvent.class).getDeclaringClass()
                    != LlmRetryListener.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }
}
