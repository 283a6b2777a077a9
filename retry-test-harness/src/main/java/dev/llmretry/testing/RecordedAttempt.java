package dev.llmretry.testing;

import java.time.Instant;

/**
 * One attempt of a protected call, as the harness saw it just before the body ran (every attempt, including those
 * that succeed at once and those a fault failed).
 *
 * <pre>{@code
 * RecordedAttempt first = events.attempts().get(0);
 * assertEquals("iag", first.endpoint());
 * }</pre>
 *
 * @param method   {@code "com.acme.ChatService#chat"}
 * @param endpoint the endpoint the attempt went to
 * @param time     when it started, on the virtual clock
 */
public record RecordedAttempt(String method, String endpoint, Instant time) {
}
