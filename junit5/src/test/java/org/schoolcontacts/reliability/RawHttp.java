package org.schoolcontacts.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * HTTP/1.1 over a plain socket, for requests an HTTP client would refuse to send: bytes as given, bodies
 * shorter than their Content-Length, bodies sent a few bytes at a time. One connection is kept alive
 * while the server keeps it; a request that breaks the framing gets a connection of its own.
 */
final class RawHttp implements AutoCloseable {
    /** What came back: a status line, headers and body, or nothing (the server closed first). */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String contentType() { return headers.getOrDefault("content-type", ""); }

        String text() { return new String(body, StandardCharsets.UTF_8); }
    }

    /** The server did not answer within the read timeout. */
    static final class NoAnswer extends IOException {
        NoAnswer(String why) { super(why); }
    }

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;

    RawHttp(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Sends the request bytes (head and body already joined) and reads one response.
     *
     * @param pieces    0: write at once; else write in this many pieces with {@code pauseMicros} between
     * @param truncate  the request is incomplete on purpose: half-close after writing, on a fresh connection
     * @param head      a HEAD request: the answer has headers only
     * @return the response, or null when the server closed the connection without one
     */
    Response exchange(byte[] request, int pieces, long pauseMicros, boolean truncate, boolean head) throws IOException {
        if (truncate || socket == null || socket.isClosed()) reconnect();
        OutputStream out = socket.getOutputStream();
        try {
            if (pieces <= 1) {
                out.write(request);
            } else {
                int step = Math.max(1, request.length / pieces);
                for (int i = 0; i < request.length; i += step) {
                    out.write(request, i, Math.min(step, request.length - i));
                    out.flush();
                    // a deliberately slow client: the pause is the behaviour under test, not a wait for a condition
                    LockSupport.parkNanos(pauseMicros * 1000);
                }
            }
            out.flush();
            if (truncate) socket.shutdownOutput();
        } catch (IOException e) {
            // the server may answer (and close) before the whole request is written: read what it said
        }
        Response r;
        try {
            r = read(in, head);
            while (r != null && r.status() >= 100 && r.status() < 200) r = read(in, head);
        } catch (SocketTimeoutException e) {
            dropConnection();
            throw new NoAnswer("no answer within " + timeoutMillis + " ms");
        } catch (IOException e) {
            dropConnection();
            return null;
        }
        if (r == null || truncate || "close".equalsIgnoreCase(r.headers().get("connection"))) dropConnection();
        return r;
    }

    private void reconnect() throws IOException {
        dropConnection();
        socket = new Socket();
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        // close with a reset: a run of 100,000 requests must not fill the port range with TIME_WAIT
        socket.setSoLinger(true, 0);
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    void dropConnection() {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException ignored) {
            // gone already
        }
        socket = null;
        in = null;
    }

    @Override
    public void close() { dropConnection(); }

    private static Response read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) return null;
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) throw new IOException("not a status line: " + statusLine);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0) headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        byte[] body;
        if (head || status < 200) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) throw new IOException("chunked body ended early");
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    for (String t = line(in); t != null && !t.isEmpty(); t = line(in)) { /* trailers */ }
                    break;
                }
                b.write(in.readNBytes(n));
                line(in);
            }
            body = b.toByteArray();
        } else if (headers.containsKey("content-length")) {
            int n = Integer.parseInt(headers.get("content-length"));
            body = in.readNBytes(n);
            if (body.length < n) throw new IOException("body ended early");
        } else if (status == 204 || status == 304) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') break;
            if (c != '\r') b.write(c);
        }
        if (c == -1 && b.size() == 0) return null;
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
