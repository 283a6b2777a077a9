package dev.llmretry.internal.classify;

import dev.llmretry.classify.Decision;

import dev.llmretry.classify.Classification;

import static dev.llmretry.classify.Decision.ABORT;
import static dev.llmretry.classify.Decision.FAILOVER;
import static dev.llmretry.classify.Decision.RETRY;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The built-in rows for JVM, JDK and network failures (research llm-errors.md §7, §9 steps 2, 3, 5, 6). Each rule
 * looks at the whole cause chain, because clients wrap: the JDK reports an unknown host as
 * {@code ConnectException -> ConnectException -> UnresolvedAddressException}.
 */
final class JdkTable {
    static final Classification ERROR = Classification.of(ABORT, "error");
    static final Classification CANCELLED = Classification.of(ABORT, "cancelled");
    static final Classification PROGRAMMING_ERROR = Classification.of(ABORT, "programming_error");
    static final Classification DNS = Classification.of(FAILOVER, "dns");
    static final Classification TLS = Classification.of(FAILOVER, "tls");
    static final Classification CONNECTION = Classification.of(RETRY, "connection");
    static final Classification IO = Classification.of(RETRY, "io");
    static final Classification UNKNOWN_CHECKED = Classification.of(RETRY, "unknown_checked");

    /** Message fragments of a dropped or stale connection, from the JDK client, OkHttp and HTTP/2. */
    private static final String[] CONNECTION_TEXT = {
        "header parser received no bytes", "goaway", "unexpected end of stream", "stream was reset", "rst_stream",
        "refused_stream", "connection reset", "connection refused", "broken pipe", "connection closed",
        "socket closed", "stream closed", "channel closed", "eof reached"};

    private JdkTable() {}

    /** Any {@link Error} anywhere in the chain: not an endpoint problem, never retried. */
    static Classification error(Throwable[] chain) {
        return CauseChain.find(chain, Error.class) != null ? ERROR : null;
    }

    /** Timeouts are checked before cancellation: {@code SocketTimeoutException} is an {@code InterruptedIOException}. */
    static Classification timeout(Throwable[] chain) {
        for (Throwable t : chain) {
            if (t instanceof TimeoutException || isHttpClientTimeout(t) || t instanceof SocketTimeoutException
                    || t instanceof InterruptedByTimeoutException
                    || (t instanceof InterruptedIOException && isTimeoutMessage(t.getMessage()))) {
                return HttpTable.TIMEOUT;
            }
        }
        return null;
    }

    static Classification cancellation(Throwable[] chain) {
        for (Throwable t : chain) {
            if (t instanceof CancellationException || t instanceof InterruptedException
                    || t instanceof ClosedByInterruptException || t instanceof InterruptedIOException) {
                return CANCELLED;
            }
        }
        return null;
    }

    /** DNS and TLS trust first (they never heal by retrying), then dropped connections, then any I/O failure. */
    static Classification network(Throwable[] chain) {
        for (Throwable t : chain) {
            // UnresolvedAddressException is an IllegalArgumentException, yet DNS, not a programming error
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) return DNS;
        }
        for (Throwable t : chain) {
            if (t instanceof CertificateException || t instanceof CertPathValidatorException
                    || t instanceof CertPathBuilderException || t instanceof SSLPeerUnverifiedException
                    || (t instanceof SSLException && contains(t.getMessage(), "unrecognized ssl message"))) {
                return TLS;
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SocketException || t instanceof EOFException || t instanceof ClosedChannelException
                    || t instanceof SSLException) {
                return CONNECTION;
            }
            if (t instanceof IOException && containsAny(t.getMessage(), CONNECTION_TEXT)) return CONNECTION;
        }
        return CauseChain.find(chain, IOException.class) != null ? IO : null;
    }

    /**
     * Nothing recognised. An SDK I/O wrapper still means I/O; otherwise a {@code RuntimeException} is a programming
     * error (fail fast), and any other checked exception is assumed to be how the caller's client reports a failed
     * call, so it is retried within the budget.
     */
    static Classification fallback(Throwable[] chain) {
        for (Throwable t : chain) {
            if (SdkNames.isIoWrapper(t)) return IO;
        }
        return CauseChain.subject(chain) instanceof RuntimeException ? PROGRAMMING_ERROR : UNKNOWN_CHECKED;
    }

    private static boolean isTimeoutMessage(String message) {
        return contains(message, "timeout") || contains(message, "timed out") || contains(message, "deadline");
    }

    private static boolean contains(String message, String lowerFragment) {
        return message != null && message.toLowerCase(Locale.ROOT).contains(lowerFragment);
    }

    private static boolean containsAny(String message, String[] lowerFragments) {
        if (message == null) return false;
        String lower = message.toLowerCase(Locale.ROOT);
        for (String fragment : lowerFragments) {
            if (lower.contains(fragment)) return true;
        }
        return false;
    }

    /**
     * {@code java.net.http.HttpTimeoutException} (and its {@code HttpConnectTimeoutException}), matched by name: on the
     * module path the {@code java.net.http} module is in the graph only when the application uses it, and a class
     * literal here made every classification fail with NoClassDefFoundError otherwise (ModulePathTest).
     */
    private static boolean isHttpClientTimeout(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("java.net.http.HttpTimeoutException")) return true;
        }
        return false;
    }
}
