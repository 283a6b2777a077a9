/**
 * What users see of a protected call: the {@link dev.llmretry.event.LlmRetryListener} interface, the immutable event
 * records it receives (retry scheduled, failover, circuit change, stream incomplete, success, exhausted) and their
 * delivery, including the default SLF4J logging. Delivery never holds a lock and a throwing listener never breaks a
 * call.
 */
package dev.llmretry.event;
