/**
 * Internal plumbing of {@link dev.llmretry.testing.FakeLlmServer}: a minimal HTTP/1.1 server on a
 * plain {@link java.net.ServerSocket} and a minimal JSON reader/writer, both JDK-only. It exists
 * because a fake LLM endpoint must misbehave at the socket level (drop a connection after reading
 * the request, cut a chunked stream half-way), which {@code com.sun.net.httpserver} cannot do.
 * Nothing here is API: it may change in any release.
 */
package dev.llmretry.testing.server;
