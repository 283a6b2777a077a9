package dev.llmretry.internal.classify;

import dev.llmretry.classify.Decision;

import dev.llmretry.classify.Classification;
import dev.llmretry.classify.LlmFailureClassifier;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One method's classifier: user classifiers, then {@code abortOn}, {@code retryOn}, the retry.yaml rules and the
 * built-in table. Immutable after construction and thread-safe; it reads the cause chain and the HTTP facts once
 * per failure and reflects only through cached accessors.
 */
final class MethodClassifier implements FailureClassifier {
    private static final Logger LOG = LoggerFactory.getLogger(MethodClassifier.class);
    static final Classification ABORT_ON = Classification.of(Decision.ABORT, "abort_on");
    static final Classification RETRY_ON = Classification.of(Decision.RETRY, "retry_on");

    private final Guarded[] users;
    private final Class<?>[] abortOn;
    private final Class<?>[] retryOn;
    private final UserRules rules;
    private final Supplier<Instant> wallClock;

    MethodClassifier(List<LlmFailureClassifier> users, List<? extends Class<?>> abortOn,
                     List<? extends Class<?>> retryOn, UserRules rules, Supplier<Instant> wallClock) {
        this.users = users.stream().map(Guarded::new).toArray(Guarded[]::new);
        this.abortOn = abortOn.toArray(new Class<?>[0]);
        this.retryOn = retryOn.toArray(new Class<?>[0]);
        this.rules = rules;
        this.wallClock = wallClock;
    }

    @Override
    public Classification classify(Throwable failure) {
        if (failure == null) return JdkTable.PROGRAMMING_ERROR;
        Throwable[] chain = CauseChain.of(failure);
        HttpFacts facts = HttpFacts.read(chain);
        Classification c = null;
        for (Guarded user : users) {
            c = user.classify(failure);
            if (c != null) break;
        }
        if (c == null) c = anyInstance(chain, abortOn) ? ABORT_ON : null;
        if (c == null) c = anyInstance(chain, retryOn) ? RETRY_ON : null;
        if (c == null && rules != null) c = rules.classify(chain, facts);
        if (c == null) c = BuiltInTable.classify(chain, facts);
        return BuiltInTable.complete(c, facts, wallClock);
    }

    private static boolean anyInstance(Throwable[] chain, Class<?>[] types) {
        for (Class<?> type : types) {
            for (Throwable t : chain) {
                if (type.isInstance(t)) return true;
            }
        }
        return false;
    }

    /** A user classifier that cannot break a call: what it throws counts as "no opinion", logged once per class. */
    private static final class Guarded {
        private static final ClassValue<AtomicBoolean> LOGGED = new ClassValue<>() {
            @Override
            protected AtomicBoolean computeValue(Class<?> type) {
                return new AtomicBoolean();
            }
        };
        private final LlmFailureClassifier delegate;

        Guarded(LlmFailureClassifier delegate) {
            this.delegate = delegate;
        }

        Classification classify(Throwable failure) {
            try {
                return delegate.classify(failure);
            } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
                if (LOGGED.get(delegate.getClass()).compareAndSet(false, true)) {
                    LOG.warn("LlmFailureClassifier {} threw while classifying {}; treating it as no opinion"
                                    + " (logged once per classifier class)", delegate.getClass().getName(),
                            failure.getClass().getName(), e);
                }
                return null;
            }
        }
    }
}
