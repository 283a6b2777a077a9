package dev.llmretry.internal.classify;

import dev.llmretry.classify.Decision;

import dev.llmretry.classify.Classification;

import static dev.llmretry.internal.classify.Fixtures.classify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** JVM, JDK and network rows of the built-in table; the chains are the ones observed on JDK 17 (research §7). */
class JdkFailuresTest {

    private static void assertClassified(Decision decision, String reason, Throwable failure) {
        Classification c = classify(failure);
        assertEquals(Classification.of(decision, reason), c, () -> "for " + failure);
    }

    private static <T extends Throwable> T causedBy(T outer, Throwable cause) {
        outer.initCause(cause);
        return outer;
    }

    @Test
    void httpConnectTimeout_classify_retryTimeout() {
        assertClassified(Decision.RETRY, "timeout",
                causedBy(new HttpConnectTimeoutException("HTTP connect timed out"), new ConnectException()));
    }

    @Test
    void httpRequestTimeout_classify_retryTimeout() {
        assertClassified(Decision.RETRY, "timeout", new HttpTimeoutException("request timed out"));
    }

    @Test
    void socketReadTimeout_classify_retryTimeout() {
        assertClassified(Decision.RETRY, "timeout", new SocketTimeoutException("Read timed out"));
    }

    @Test
    void okHttpCallTimeout_classify_retryTimeout() {
        assertClassified(Decision.RETRY, "timeout", new InterruptedIOException("timeout"));
    }

    @Test
    void concurrentTimeout_classify_retryTimeoutEvenWhenCancellationFollows() {
        Throwable failure = new ExecutionException(causedBy(new CancellationException("cancelled after timeout"),
                new TimeoutException("attempt timed out")));

        assertClassified(Decision.RETRY, "timeout", failure);
    }

    @Test
    void cancellation_classify_abortCancelled() {
        assertClassified(Decision.ABORT, "cancelled", new CancellationException());
    }

    @Test
    void interrupted_classify_abortCancelled() {
        assertClassified(Decision.ABORT, "cancelled", new CompletionException(new InterruptedException()));
    }

    @Test
    void interruptedChannel_classify_abortCancelledNotConnection() {
        assertClassified(Decision.ABORT, "cancelled", new ClosedByInterruptException());
    }

    @Test
    void interruptedIoWithoutTimeout_classify_abortCancelled() {
        assertClassified(Decision.ABORT, "cancelled", new InterruptedIOException("interrupted"));
    }

    @Test
    void connectionRefused_classify_retryConnection() {
        // the JDK client: ConnectException(null) -> ConnectException(null) -> ClosedChannelException
        assertClassified(Decision.RETRY, "connection",
                causedBy(new ConnectException(), causedBy(new ConnectException(), new ClosedChannelException())));
    }

    @Test
    void serverClosedBeforeHeaders_classify_retryConnection() {
        assertClassified(Decision.RETRY, "connection",
                causedBy(new IOException("HTTP/1.1 header parser received no bytes"), new EOFException("EOF reached while reading")));
    }

    @Test
    void connectionReset_classify_retryConnection() {
        assertClassified(Decision.RETRY, "connection", new SocketException("Connection reset"));
    }

    @Test
    void http2GoAway_classify_retryConnection() {
        assertClassified(Decision.RETRY, "connection", new IOException("Received GOAWAY from server"));
    }

    @Test
    void okHttpUnexpectedEndOfStream_classify_retryConnection() {
        assertClassified(Decision.RETRY, "connection", new IOException("unexpected end of stream on http://127.0.0.1/..."));
    }

    @Test
    void noRouteToHost_classify_retryConnection() {
        assertClassified(Decision.RETRY, "connection", new NoRouteToHostException());
    }

    @Test
    void unknownHost_classify_failoverDns() {
        assertClassified(Decision.FAILOVER, "dns", new UnknownHostException("api.example.invalid"));
    }

    @Test
    void jdkUnresolvedAddressChain_classify_failoverDnsNotConnection() {
        // the JDK client: ConnectException -> ConnectException -> UnresolvedAddressException
        assertClassified(Decision.FAILOVER, "dns",
                causedBy(new ConnectException(), causedBy(new ConnectException(), new UnresolvedAddressException())));
    }

    @Test
    void bareUnresolvedAddress_classify_failoverDnsNotProgrammingError() {
        assertClassified(Decision.FAILOVER, "dns", new UnresolvedAddressException());
    }

    @Test
    void untrustedCertificate_classify_failoverTls() {
        Throwable failure = causedBy(new SSLHandshakeException("PKIX path building failed"),
                new CertificateException("unable to find valid certification path"));

        assertClassified(Decision.FAILOVER, "tls", failure);
    }

    @Test
    void certPathValidation_classify_failoverTls() {
        assertClassified(Decision.FAILOVER, "tls",
                causedBy(new SSLHandshakeException("validation"), new CertPathValidatorException("expired")));
    }

    @Test
    void plaintextServerOnTlsPort_classify_failoverTls() {
        assertClassified(Decision.FAILOVER, "tls", new SSLException("Unrecognized SSL message, plaintext connection?"));
    }

    @Test
    void handshakeReset_classify_retryConnection() {
        assertClassified(Decision.RETRY, "connection", new SSLHandshakeException("Remote host terminated the handshake"));
    }

    @Test
    void otherIo_classify_retryIo() {
        assertClassified(Decision.RETRY, "io", new IOException("something odd"));
    }

    @Test
    void uncheckedIo_classify_retryIo() {
        assertClassified(Decision.RETRY, "io", new UncheckedIOException(new IOException("disk")));
    }

    @Test
    void ioWrappedInBareRuntimeException_classify_retryIo() {
        // LangChain4j's JdkHttpClient wraps a non-timeout IOException in new RuntimeException(e)
        assertClassified(Decision.RETRY, "io", new RuntimeException(new IOException("odd")));
    }

    @Test
    void outOfMemory_classify_abortError() {
        assertClassified(Decision.ABORT, "error", new OutOfMemoryError());
    }

    @Test
    void errorInsideWrappers_classify_abortError() {
        assertClassified(Decision.ABORT, "error",
                new ExecutionException(new InvocationTargetException(new StackOverflowError())));
    }

    @Test
    void assertionError_classify_abortError() {
        assertClassified(Decision.ABORT, "error", new AssertionError("bug"));
    }

    @Test
    void nullPointer_classify_abortProgrammingError() {
        assertClassified(Decision.ABORT, "programming_error", new NullPointerException());
    }

    @Test
    void illegalArgument_classify_abortProgrammingError() {
        assertClassified(Decision.ABORT, "programming_error", new IllegalArgumentException("bad model"));
    }

    @Test
    void illegalState_classify_abortProgrammingError() {
        assertClassified(Decision.ABORT, "programming_error", new IllegalStateException());
    }

    @Test
    void classCast_classify_abortProgrammingError() {
        assertClassified(Decision.ABORT, "programming_error", new ClassCastException());
    }

    @Test
    void unsupportedOperation_classify_abortProgrammingError() {
        assertClassified(Decision.ABORT, "programming_error", new UnsupportedOperationException());
    }

    @Test
    void unknownRuntimeExceptionInWrappers_classify_abortProgrammingError() {
        assertClassified(Decision.ABORT, "programming_error",
                new CompletionException(new UndeclaredThrowableException(new ArithmeticException())));
    }

    @Test
    void unknownCheckedException_classify_retryUnknownChecked() {
        assertClassified(Decision.RETRY, "unknown_checked", new Exception("client failure"));
    }

    @Test
    void unknownCheckedInsideBareRuntimeException_classify_retryUnknownChecked() {
        assertClassified(Decision.RETRY, "unknown_checked", new RuntimeException(new java.net.URISyntaxException("x", "y")));
    }

    @Test
    void nullFailure_classify_neverNull() {
        assertNotNull(classify(null));
    }

    @Test
    void selfReferencingCause_classify_terminates() {
        Throwable a = new RuntimeException("a") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };

        assertClassified(Decision.ABORT, "programming_error", a);
    }

    @Test
    void twoElementCauseCycle_classify_terminatesAndFindsSignal() {
        IOException io = new IOException("Connection reset by peer");
        RuntimeException outer = new RuntimeException("outer", io);
        io.initCause(outer); // outer -> io -> outer -> ...

        assertClassified(Decision.RETRY, "connection", outer);
        assertEquals(2, CauseChain.of(outer).length);
    }

    @Test
    void signalDeeperThanBound_classify_isNotSeen() {
        Throwable deep = new UnknownHostException("deep");
        for (int i = 0; i < CauseChain.MAX_DEPTH; i++) deep = new IllegalStateException("level " + i, deep);

        assertClassified(Decision.ABORT, "programming_error", deep);
        assertEquals(CauseChain.MAX_DEPTH, CauseChain.of(deep).length);
    }

    @Test
    void signalAtBoundEdge_classify_isSeen() {
        Throwable deep = new UnknownHostException("deep");
        for (int i = 0; i < CauseChain.MAX_DEPTH - 1; i++) deep = new IllegalStateException("level " + i, deep);

        assertClassified(Decision.FAILOVER, "dns", deep);
    }

    @Test
    void throwingGetCause_classify_doesNotThrow() {
        Throwable broken = new IllegalStateException("broken") {
            @Override
            public synchronized Throwable getCause() {
                throw new UnsupportedOperationException("no cause for you");
            }
        };

        assertClassified(Decision.ABORT, "programming_error", broken);
    }
}
