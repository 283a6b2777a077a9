package dev.llmretry.internal.exec;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.BaseStream;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * A result that arrives after the method returns, and the shell that follows it: the declared result type alone
 * decides which, so one advice serves every shape (the advice differs only in where the {@code Endpoint} parameter
 * sits). Declared exactly, never a subtype: a shell returns its own object ({@code CompletableFuture}, a stream, an
 * iterator, a publisher), which a user's subtype could not receive.
 *
 * <pre>{@code
 * ResultShape shape = ResultShape.of(CompletableFuture.class);      // FUTURE
 * Object future = shape.start(plan, endpoint -> client.chatAsync(endpoint, q));
 * }</pre>
 */
public enum ResultShape {
    /** {@code CompletionStage} or {@code CompletableFuture}: retried without holding a thread ({@link AsyncCall}). */
    FUTURE {
        @Override
        public Object start(MethodPlan plan, Attempt attempt) {
            return AsyncCall.start(plan, attempt);
        }
    },
    /** {@code Stream}, the primitive streams or {@code BaseStream}: retried until the first element ({@link StreamCall}). */
    STREAM {
        @Override
        public Object start(MethodPlan plan, Attempt attempt) {
            return StreamCall.start(plan, attempt, true);
        }
    },
    /** {@code Iterator}: retried until the first element ({@link StreamCall}). */
    ITERATOR {
        @Override
        public Object start(MethodPlan plan, Attempt attempt) {
            return StreamCall.start(plan, attempt, false);
        }
    },
    /** {@code Flow.Publisher}: each subscription retried until its first element ({@link RetryingPublisher}). */
    PUBLISHER {
        @Override
        public Object start(MethodPlan plan, Attempt attempt) {
            return new RetryingPublisher(plan, attempt);
        }
    };

    /** Runs {@code attempt} under {@code plan} and returns the result in this shape; failures arrive through it. */
    public abstract Object start(MethodPlan plan, Attempt attempt);

    /** retry-reactor's advice is on the class path: Mono and Flux results are its to protect, not a refusal. */
    public static final boolean REACTOR_ADVICE_PRESENT = present(dev.llmretry.internal.config.ResultTypes.REACTOR_ADVICE);

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ResultShape.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** The shape of a method declared to return {@code type}, or {@code null} if its result is a plain value. */
    public static ResultShape of(Class<?> type) {
        if (type == CompletableFuture.class || type == CompletionStage.class) return FUTURE;
        if (type == Stream.class || type == IntStream.class || type == LongStream.class || type == DoubleStream.class
                || type == BaseStream.class) return STREAM;
        if (type == Iterator.class) return ITERATOR;
        if (type == Flow.Publisher.class) return PUBLISHER;
        return null;
    }

    /**
     * The woven method at {@code joinPoint} called: its plan, run in the shape its declared result has. The advice's
     * pointcut admits only these shapes, so anything else is a weaving fault, reported as such.
     */
    public static Object start(JoinPoint.StaticPart joinPoint, Attempt attempt) {
        Class<?> type = ((MethodSignature) joinPoint.getSignature()).getReturnType();
        ResultShape shape = of(type);
        if (shape == null) {
            throw new IllegalStateException(joinPoint.getSignature().toLongString() + ": llm-retry's ShapedAdvice was "
                    + "woven around a method returning " + type.getName() + ", which it cannot follow. Rebuild with "
                    + "the retry-runtime version the class was woven against.");
        }
        return shape.start(MethodPlan.of(joinPoint), attempt);
    }
}
