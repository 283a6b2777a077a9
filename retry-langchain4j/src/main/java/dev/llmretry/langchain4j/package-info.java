/**
 * LangChain4j models made resilient: {@link dev.llmretry.langchain4j.ResilientChatModel} and
 * {@link dev.llmretry.langchain4j.ResilientStreamingChatModel} put several LangChain4j models, each serving an
 * endpoint of retry.yaml, behind one model, with the retries, circuit breakers, failover, events and health of an
 * annotated method ({@link dev.llmretry.LlmCall} underneath, no weaving). A streaming call is retried only until its
 * first partial response. LangChain4j's exceptions are classified by the core (their {@code HttpException} cause
 * gives the status and body); this package adds nothing to the classifier. See docs/langchain4j.md.
 */
package dev.llmretry.langchain4j;
