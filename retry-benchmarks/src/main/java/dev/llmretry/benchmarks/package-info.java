/** JMH benchmarks and the outcome simulation of llm-retry against the alternatives. */
package dev.llmretry.benchmarks;
