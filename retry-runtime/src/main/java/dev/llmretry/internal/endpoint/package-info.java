/**
 * Endpoints and how a call moves between them: the {@link dev.llmretry.Endpoint} implementation with its proxy and
 * cached HTTP client, and the order strategies (priority, success rate, round robin) that pick the next healthy
 * endpoint.
 */
package dev.llmretry.internal.endpoint;
