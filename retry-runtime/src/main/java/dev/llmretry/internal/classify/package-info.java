/**
 * Failure classification: decides, for each failed attempt, whether to RETRY the same endpoint, FAILOVER to the next
 * one, or ABORT the call. {@link dev.llmretry.internal.classify.Classifiers} builds the classifier the executor uses: user
 * classifiers found through {@link java.util.ServiceLoader} first, then the method's {@code abortOn}/{@code retryOn},
 * then retry.yaml's {@code classification:} rules, then the built-in table researched from the OpenAI, Anthropic,
 * Google GenAI, LangChain4j, Spring and Azure SDKs and the JDK's HTTP client. SDK exceptions are read reflectively
 * (status, headers, error code, body) through accessors cached per class, so the runtime has no compile-time
 * dependency on any SDK. {@link dev.llmretry.internal.classify.RetryAfterParser} turns {@code Retry-After} and its provider
 * variants into the wait the server asked for; the executor decides what to do with it. See
 * {@code docs/classification.md} for the whole table.
 */
package dev.llmretry.internal.classify;
