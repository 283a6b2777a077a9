package dev.llmretry.classify.fakes;

/** A user's own exception that only their classifier understands. */
public class GatewayBusyException extends RuntimeException {
    public GatewayBusyException(String message) {
        super(message);
    }
}
