package dev.llmretry.aspect;

/** The message of a call whose declared result type the advice cannot follow (see {@code ShapedAdvice}). */
final class UnsupportedResult {
    static final String MESSAGE = ": llm-retry cannot protect this result type. Declare the result exactly as "
            + "String or another plain value, CompletableFuture or CompletionStage, Stream, IntStream, LongStream, "
            + "DoubleStream, Iterator or Flow.Publisher; Reactor Mono and Flux need the retry-reactor module (add the "
            + "dependency dev.llmretry:retry-reactor, with compile-time weaving also as an aspect library), other "
            + "reactive types are not supported. retry-processor reports this at compile time.";

    /** retry-reactor's advice is on the class path: Mono and Flux results are its to protect. */
    static final boolean REACTOR_ADVICE_PRESENT = present("dev.llmretry.reactor.ReactorAdvice");

    private UnsupportedResult() {
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, UnsupportedResult.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
