package org.schoolcontacts.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The one place that writes WeCom's envelope: errcode, errmsg (with its diagnostic tail) and fields. */
public final class Envelope {
    public static final String JSON_WARNING = "Warning: wrong json format. ";
    private static final AtomicLong SEQ = new AtomicLong();

    private Envelope() {}

    /**
     * Renders a reply. A non-zero errmsg gets WeCom's tail ({@code hint}, {@code from ip},
     * {@code more info}); a body that was not a JSON object adds the wrong-format warning (spec 1.2).
     */
    public static ObjectNode render(Reply reply, String clientIp, boolean jsonWarning, long nowMillis) {
        ObjectNode out = Reply.object();
        out.put("errcode", reply.errcode());
        String msg;
        if (reply.errcode() == 0) {
            msg = jsonWarning ? reply.errmsg() + ". " + JSON_WARNING : reply.errmsg();
        } else {
            msg = (jsonWarning ? JSON_WARNING : "") + reply.errmsg() + ", hint: [" + hint(nowMillis) + "], from ip: "
                    + clientIp + ", more info at https://open.work.weixin.qq.com/devtool/query?e=" + reply.errcode();
        }
        out.put("errmsg", msg);
        if (reply.fields() != null) out.setAll(reply.fields());
        return out;
    }

    private static String hint(long nowMillis) {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return (nowMillis / 1000) + "_" + SEQ.incrementAndGet() + "_" + HexFormat.of().formatHex(b);
    }

    /**
     * Writes the envelope as UTF-8 into {@code out} as it is generated, with no String or byte array
     * of the whole answer in between: a 30,000-student list is megabytes (issue 15). {@code out} is
     * flushed, not closed.
     */
    public static void writeTo(ObjectMapper mapper, ObjectNode node, OutputStream out) throws IOException {
        try (JsonGenerator g = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            mapper.writeTree(g, node);
        }
    }

    public static String write(ObjectMapper mapper, ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
