package dev.llmretry.internal.classify;

import dev.llmretry.classify.Classification;
import dev.llmretry.classify.LlmFailureClassifier;

import dev.llmretry.internal.config.ClassificationSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link FailureClassifier}s the executor uses. The evaluation order of
 * {@link #forMethod forMethod}'s classifier is:
 * <ol>
 *   <li>user classifiers ({@link LlmFailureClassifier}, in list order; the first non-null verdict wins; one that
 *       throws counts as "no opinion" and is logged once);</li>
 *   <li>{@code abortOn}: the failure or any cause is an instance of a listed class: ABORT {@code "abort_on"};</li>
 *   <li>{@code retryOn}: likewise, RETRY {@code "retry_on"};</li>
 *   <li>the {@code classification:} rules of retry.yaml (ABORT rules win over FAILOVER over RETRY);</li>
 *   <li>the built-in table ({@code docs/classification.md}).</li>
 * </ol>
 * Every verdict is completed with the HTTP status and the server-requested wait when the failure carries them and the
 * verdict does not. The classifiers are immutable and thread-safe.
 *
 * <pre>{@code
 * FailureClassifier classifier = Classifiers.forMethod(settings, List.of(GatewayBusyException.class),
 *         List.of(), Classifiers.loadUserClassifiers(getClass().getClassLoader()), Clock.systemUTC()::instant);
 * Classification c = classifier.classify(failure); // e.g. RETRY(rate_limited, status 429, retry-after 2000ms)
 * }</pre>
 */
public final class Classifiers {
    private static final Logger LOG = LoggerFactory.getLogger(Classifiers.class);
    private static final int MAX_PROVIDER_ERRORS = 100;

    private Classifiers() {}

    /**
     * The classifier for one method.
     *
     * @param settings        the {@code classification:} section of retry.yaml; null or empty for none
     * @param retryOn         the method's {@code retryOn} classes; may be empty
     * @param abortOn         the method's {@code abortOn} classes; may be empty (abortOn wins over retryOn)
     * @param userClassifiers asked first, in order; see {@link #loadUserClassifiers}
     * @param wallClock       the current wall-clock time, for {@code Retry-After} dates and reset instants
     */
    public static FailureClassifier forMethod(ClassificationSettings settings,
                                              List<Class<? extends Throwable>> retryOn,
                                              List<Class<? extends Throwable>> abortOn,
                                              List<LlmFailureClassifier> userClassifiers,
                                              Supplier<Instant> wallClock) {
        Objects.requireNonNull(wallClock, "wallClock");
        return new MethodClassifier(nonNull(userClassifiers), nonNull(abortOn), nonNull(retryOn),
                UserRules.of(settings), wallClock);
    }

    /** The built-in table alone, without user classifiers, annotation classes or retry.yaml rules. */
    public static FailureClassifier builtIn(Supplier<Instant> wallClock) {
        return forMethod(null, List.of(), List.of(), List.of(), wallClock);
    }

    /**
     * The {@link LlmFailureClassifier}s registered in {@code META-INF/services/dev.llmretry.classify.LlmFailureClassifier}
     * visible to {@code loader}, in discovery order. A provider that cannot be loaded or instantiated is logged and
     * skipped; it never breaks the others.
     */
    public static List<LlmFailureClassifier> loadUserClassifiers(ClassLoader loader) {
        List<LlmFailureClassifier> found = new ArrayList<>();
        Iterator<LlmFailureClassifier> it;
        try {
            it = ServiceLoader.load(LlmFailureClassifier.class, loader).iterator();
        } catch (ServiceConfigurationError e) {
            LOG.warn("Cannot look up LlmFailureClassifier providers: {}", e.toString());
            return List.of();
        }
        int errors = 0;
        while (errors < MAX_PROVIDER_ERRORS) {
            try {
                if (!it.hasNext()) break;
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                errors++;
                LOG.warn("Skipping an LlmFailureClassifier provider that cannot be loaded: {}", e.toString(), e);
            }
        }
        return List.copyOf(found);
    }

    private static <T> List<T> nonNull(List<T> list) {
        if (list == null) return List.of();
        for (T item : list) Objects.requireNonNull(item, "list element");
        return list;
    }
}
