package org.schoolcontacts.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * One WeCom request and its answer, read and written on the servlet request itself: the WeCom paths
 * are served by a filter in front of Javalin (issue 15: Javalin matched each request against its
 * endpoints' regular expressions twice, an eighth of a cached user/get's CPU). What it reads, it
 * reads as Javalin's {@code Context} does, so the move changes no answer: the path is the raw request
 * URI, the method honours {@code X-HTTP-Method-Override}, query parameters are split on {@code &} and
 * {@code =} and URL-decoded in the request's charset (a name or value that does not decode is dropped;
 * the first of repeated names wins), the client address is the socket's, and an answer of 1,500 bytes
 * or more is gzipped for a client that accepts it.
 */
final class WeComExchange {
    /** Javalin's threshold for compressing an answer. */
    static final int MIN_SIZE_FOR_GZIP = 1500;

    private final HttpServletRequest req;
    private final HttpServletResponse res;
    private final String method;
    private Map<String, String> query;
    private String body;

    WeComExchange(HttpServletRequest req, HttpServletResponse res) {
        this(req, res, methodOf(req));
    }

    /** {@code method}: {@link #methodOf} the request, worked out already. */
    WeComExchange(HttpServletRequest req, HttpServletResponse res, String method) {
        this.req = req;
        this.res = res;
        this.method = method;
    }

    /** The method as Javalin sees it: the override header when present, upper-cased. */
    static String methodOf(HttpServletRequest req) {
        String override = req.getHeader("X-HTTP-Method-Override");
        return (override != null ? override : req.getMethod()).toUpperCase(Locale.ROOT);
    }

    HttpServletRequest req() { return req; }

    String path() { return req.getRequestURI(); }

    String method() { return method; }

    boolean isPost() { return method.equals("POST"); }

    String ip() { return req.getRemoteAddr(); }

    String queryString() { return req.getQueryString(); }

    /** A query parameter, or null when absent. */
    String queryParam(String name) {
        if (query == null) query = parseQuery(req.getQueryString(), charsetName(req));
        return query.get(name);
    }

    /** The request body as read, for the journal; null when none was read. */
    String body() { return body; }

    void body(String text) { this.body = text; }

    private static String charsetName(HttpServletRequest req) {
        String type = req.getHeader("Content-Type");
        if (type != null) {
            for (String part : type.split(";")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "charset", 0, 7)) {
                    String[] kv = p.split("=");
                    if (kv.length > 1) return kv[1].trim();
                }
            }
        }
        return "UTF-8";
    }

    static Map<String, String> parseQuery(String queryString, String charset) {
        if (queryString == null || queryString.isEmpty()) return Map.of();
        Charset cs;
        try {
            cs = Charset.forName(charset);
        } catch (RuntimeException e) {
            return Map.of(); // a charset nobody can decode in: nothing decodes, so nothing is kept
        }
        Map<String, String> out = new HashMap<>();
        for (String pair : queryString.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), cs);
            String value = decode(eq < 0 ? "" : pair.substring(eq + 1), cs);
            if (name != null && value != null) out.putIfAbsent(name, value);
        }
        return out;
    }

    private static String decode(String s, Charset cs) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
        try {
            return URLDecoder.decode(s, cs);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The stream the answer goes to: gzipped when it turns out big and the client accepts gzip. */
    OutputStream answerStream() throws IOException {
        return new AnswerStream(res, req.getHeader("Accept-Encoding"));
    }

    HttpServletResponse res() { return res; }

    /** Decides on compression at the first write, by its length, as Javalin does. Close to finish it. */
    private static final class AnswerStream extends OutputStream {
        private final HttpServletResponse res;
        private final String acceptEncoding;
        private OutputStream out;

        AnswerStream(HttpServletResponse res, String acceptEncoding) {
            this.res = res;
            this.acceptEncoding = acceptEncoding;
        }

        private OutputStream target(int length) throws IOException {
            if (out == null) {
                OutputStream raw = res.getOutputStream();
                if (length >= MIN_SIZE_FOR_GZIP && acceptEncoding != null
                        && acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip") && !res.containsHeader("Content-Encoding")) {
                    res.setHeader("Content-Encoding", "gzip");
                    out = new GZIPOutputStream(raw, true);
                } else {
                    out = raw;
                }
            }
            return out;
        }

        @Override
        public void write(int b) throws IOException { target(1).write(b); }

        @Override
        public void write(byte[] b, int off, int len) throws IOException { target(len).write(b, off, len); }

        @Override
        public void close() throws IOException {
            if (out instanceof GZIPOutputStream gz) gz.finish();
        }
    }
}
