package org.schoolcontacts.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.schoolcontacts.admin.RequestJournal;
import org.schoolcontacts.wecom.WeComError;

/**
 * Jetty's own answers in WeCom's envelope. Requests Jetty refuses before any handler runs (a malformed
 * request line, an over-long URI, too large headers, a path with an encoded control character) and
 * errors it raises itself would otherwise get its HTML "Bad Message 400" page. Each keeps the HTTP
 * status Jetty chose (such a request cannot be routed, like an unknown path's 404) and gets errcode
 * 400 with Jetty's reason (emulator-only, like 404: WeCom's table has no code for a broken request).
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final String JSON = "application/json; charset=UTF-8";
    private final ObjectMapper mapper;
    private final LongSupplier clock;
    private final RequestJournal journal;

    JsonErrorHandler(ObjectMapper mapper, LongSupplier clock, RequestJournal journal) {
        this.mapper = mapper;
        this.clock = clock;
        this.journal = journal;
        setShowStacks(false);
        setShowServlet(false);
    }

    /** A request Jetty could not parse: no request object exists, so the client's address is unknown. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, JSON));
        String body = body(status, reason, "unknown");
        // in the journal too, so a client's broken request shows where its calls are looked for; its
        // method and path are unknown (the request line may be what was broken)
        record("-", UNPARSED, status, body);
        return ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
    }

    /** An error Jetty raised for a parsed request that no handler answered. */
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        if (response.isCommitted()) return;
        int status = response.getStatus();
        Object message = request.getAttribute("jakarta.servlet.error.message");
        response.setContentType(JSON);
        String body = body(status, message == null ? null : message.toString(), request.getRemoteAddr());
        String query = request.getQueryString();
        record(request.getMethod(), query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query, status, body);
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** What the journal shows as the path of a request Jetty could not parse. */
    static final String UNPARSED = "(unparsed request)";

    private void record(String method, String path, int status, String body) {
        journal.add(new RequestJournal.Entry(clock.getAsLong(), method, path, null, null, null, body, errorOf(status).code(), 0));
    }

    private static WeComError errorOf(int status) {
        return status == 404 ? WeComError.API_NOT_FOUND : WeComError.BAD_REQUEST;
    }

    private String body(int status, String reason, String clientIp) {
        WeComError error = errorOf(status);
        String why = reason == null || reason.isBlank() ? org.eclipse.jetty.http.HttpStatus.getMessage(status) : reason;
        Reply reply = Reply.failure(status == 404 ? error.exception() : error.with(why.replaceAll("[\\r\\n]+", " ")));
        return Envelope.write(mapper, Envelope.render(reply, clientIp, false, clock.getAsLong()));
    }
}
