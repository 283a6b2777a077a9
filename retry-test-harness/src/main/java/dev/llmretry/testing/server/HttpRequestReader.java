package dev.llmretry.testing.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one HTTP/1.1 request (request line, headers, and a {@code Content-Length} or chunked body)
 * from a connection. One reader per connection; not thread-safe.
 */
final class HttpRequestReader {

    static final class MalformedRequestException extends IOException {
        MalformedRequestException(String message) {
            super(message);
        }
    }

    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final int MAX_BODY = 32 * 1024 * 1024;

    private final InputStream in;
    private final OutputStream out;

    HttpRequestReader(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Returns the next request, or {@code null} if the client closed the connection between requests. */
    IncomingRequest next() throws IOException {
        String requestLine = readLine(true);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(true); // tolerate stray CRLF between requests (RFC 9112 §2.2)
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new MalformedRequestException("Bad request line: " + requestLine);
        }
        Map<String, List<String>> headers = readHeaders();
        if ("100-continue".equalsIgnoreCase(first(headers, "Expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        return new IncomingRequest(parts[0], parts[1], parts[2], headers, readBody(headers));
    }

    private Map<String, List<String>> readHeaders() throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int count = 0; ; count++) {
            String line = readLine(false);
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || count >= MAX_HEADERS) {
                throw new MalformedRequestException("Bad header line: " + line);
            }
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
    }

    private byte[] readBody(Map<String, List<String>> headers) throws IOException {
        String transferEncoding = first(headers, "Transfer-Encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase().contains("chunked")) {
            return readChunkedBody();
        }
        String contentLength = first(headers, "Content-Length");
        if (contentLength == null) {
            return new byte[0];
        }
        try {
            long length = Long.parseLong(contentLength.trim());
            if (length < 0 || length > MAX_BODY) {
                throw new MalformedRequestException("Unsupported Content-Length: " + contentLength);
            }
            return readExactly(length);
        } catch (NumberFormatException e) {
            throw new MalformedRequestException("Bad Content-Length: " + contentLength);
        }
    }

    private byte[] readChunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            int extension = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new MalformedRequestException("Bad chunk size: " + sizeLine);
            }
            if (size == 0) {
                while (!readLine(false).isEmpty()) {
                    // trailers are read and ignored
                }
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > MAX_BODY) {
                throw new MalformedRequestException("Request body too large");
            }
            body.write(readExactly(size));
            readLine(false); // CRLF after the chunk data
        }
    }

    private byte[] readExactly(long length) throws IOException {
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new EOFException("Connection closed after " + bytes.length + " of " + length + " body bytes");
        }
        return bytes;
    }

    /** Reads a CRLF- (or LF-) terminated ISO-8859-1 line; {@code null} on EOF before any byte if allowed. */
    private String readLine(boolean eofAllowed) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && line.length() == 0) {
                    return null;
                }
                throw new EOFException("Connection closed in the middle of a request");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new MalformedRequestException("Request line or header longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
