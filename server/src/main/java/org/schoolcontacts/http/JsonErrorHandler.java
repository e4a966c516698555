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

    JsonErrorHandler(ObjectMapper mapper, LongSupplier clock) {
        this.mapper = mapper;
        this.clock = clock;
        setShowStacks(false);
        setShowServlet(false);
    }

    /** A request Jetty could not parse: no request object exists, so the client's address is unknown. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, JSON));
        return ByteBuffer.wrap(body(status, reason, "unknown").getBytes(StandardCharsets.UTF_8));
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
        response.getOutputStream().write(body(status, message == null ? null : message.toString(), request.getRemoteAddr())
                .getBytes(StandardCharsets.UTF_8));
    }

    private String body(int status, String reason, String clientIp) {
        WeComError error = status == 404 ? WeComError.API_NOT_FOUND : WeComError.BAD_REQUEST;
        String why = reason == null || reason.isBlank() ? org.eclipse.jetty.http.HttpStatus.getMessage(status) : reason;
        Reply reply = Reply.failure(status == 404 ? error.exception() : error.with(why.replaceAll("[\\r\\n]+", " ")));
        return Envelope.write(mapper, Envelope.render(reply, clientIp, false, clock.getAsLong()));
    }
}
