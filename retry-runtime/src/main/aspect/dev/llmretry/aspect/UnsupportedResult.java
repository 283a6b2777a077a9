package dev.llmretry.aspect;

/** The message of a call whose declared result type the advice cannot follow (see {@code ShapedAdvice}). */
final class UnsupportedResult {
    static final String MESSAGE = ": llm-retry cannot protect this result type. Declare the result exactly as "
            + "String or another plain value, CompletableFuture or CompletionStage, Stream, IntStream, LongStream, "
            + "DoubleStream, Iterator or Flow.Publisher. Reactor Mono/Flux and Reactive Streams Publishers are not "
            + "supported yet (a retry-reactor integration will add them): return mono.toFuture() or a Flow.Publisher "
            + "(JdkFlowAdapter.publisherToFlowPublisher(flux)) meanwhile. retry-processor reports this at compile time.";

    private UnsupportedResult() {
    }
}
