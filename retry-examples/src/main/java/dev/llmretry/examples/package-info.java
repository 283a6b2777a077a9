/** The runnable demo of llm-retry: scenarios against three fake LLM endpoints on loopback. */
package dev.llmretry.examples;
