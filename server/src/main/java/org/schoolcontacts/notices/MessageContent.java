package org.schoolcontacts.notices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * The message types of 学校通知 (D-91609) and the checks of spec 4.2 step 3 on each type object, in
 * the spec's order. Returns the object as recipients would see it: explicit nulls dropped (WxJava
 * sends them), over-long optional titles and descriptions cut at a character boundary as the doc says.
 * There is no media store, so any non-empty media id is accepted (spec 4.1).
 */
final class MessageContent {
    static final List<String> TYPES = List.of("text", "image", "voice", "file", "video", "news", "mpnews", "miniprogram");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MessageContent() {}

    /** Checks {@code msgtype} and its object; the normalised object. */
    static ObjectNode check(String msgtype, JsonNode body) {
        if (msgtype == null || !TYPES.contains(msgtype)) throw WeComError.INVALID_MSGTYPE.exception();
        JsonNode given = body.get(msgtype);
        if (given != null && !given.isNull() && !given.isObject()) throw WeComError.invalidParameter(msgtype);
        ObjectNode in = given != null && given.isObject() ? (ObjectNode) given : NODES.objectNode();
        ObjectNode out = NODES.objectNode();
        switch (msgtype) {
            case "text" -> {
                String content = text(in, "content", msgtype);
                if (content == null || content.isEmpty()) throw WeComError.EMPTY_CONTENT.exception();
                if (Limits.utf8Bytes(content) > Limits.NOTICE_TEXT_MAX_BYTES) throw WeComError.CONTENT_TOO_LONG.exception();
                out.put("content", content);
            }
            case "image", "voice", "file" -> out.put("media_id", mediaId(in, "media_id", msgtype));
            case "video" -> {
                out.put("media_id", mediaId(in, "media_id", msgtype));
                optional(in, out, "title", Limits.NOTICE_TITLE_MAX_BYTES, msgtype);
                optional(in, out, "description", Limits.NOTICE_DESCRIPTION_MAX_BYTES, msgtype);
            }
            case "news" -> {
                var articles = out.putArray("articles");
                for (JsonNode a : articles(in, msgtype)) {
                    ObjectNode o = articles.addObject();
                    String title = text(a, "title", msgtype);
                    if (title == null || title.isEmpty()) throw WeComError.TITLE_MISSING.exception();
                    o.put("title", Limits.truncateUtf8(title, Limits.NOTICE_TITLE_MAX_BYTES));
                    optional(a, o, "description", Limits.NOTICE_DESCRIPTION_MAX_BYTES, msgtype);
                    String url = text(a, "url", msgtype);
                    if (url == null || url.isEmpty()) throw WeComError.URL_MISSING.exception();
                    o.put("url", url);
                    optional(a, o, "picurl", Integer.MAX_VALUE, msgtype);
                }
            }
            case "mpnews" -> {
                var articles = out.putArray("articles");
                for (JsonNode a : articles(in, msgtype)) {
                    ObjectNode o = articles.addObject();
                    String title = text(a, "title", msgtype);
                    if (title == null || title.isEmpty()) throw WeComError.TITLE_MISSING.exception();
                    o.put("title", Limits.truncateUtf8(title, Limits.NOTICE_TITLE_MAX_BYTES));
                    o.put("thumb_media_id", mediaId(a, "thumb_media_id", msgtype));
                    optional(a, o, "author", Limits.NOTICE_AUTHOR_MAX_BYTES, msgtype);
                    optional(a, o, "content_source_url", Integer.MAX_VALUE, msgtype);
                    String content = text(a, "content", msgtype);
                    if (content == null || content.isEmpty()) throw WeComError.invalidParameter(msgtype + ".content");
                    o.put("content", content);
                    optional(a, o, "digest", Limits.NOTICE_DESCRIPTION_MAX_BYTES, msgtype);
                }
            }
            case "miniprogram" -> {
                String appid = text(in, "appid", msgtype);
                String thumb = mediaId(in, "thumb_media_id", msgtype);
                String page = text(in, "pagepath", msgtype);
                if (appid == null || appid.isEmpty()) throw WeComError.invalidParameter("miniprogram.appid");
                if (page == null || page.isEmpty()) throw WeComError.invalidParameter("miniprogram.pagepath");
                out.put("appid", appid);
                optional(in, out, "title", Limits.NOTICE_MINIPROGRAM_TITLE_MAX_BYTES, msgtype);
                out.put("thumb_media_id", thumb);
                out.put("pagepath", page);
            }
            default -> throw WeComError.INVALID_MSGTYPE.exception();
        }
        return out;
    }

    private static List<JsonNode> articles(JsonNode in, String msgtype) {
        JsonNode a = in.get("articles");
        if (a == null || a.isNull()) throw WeComError.TOO_MANY_ARTICLES.exception();
        if (!a.isArray()) throw WeComError.invalidParameter(msgtype + ".articles");
        if (a.size() < 1 || a.size() > Limits.NOTICE_MAX_ARTICLES) throw WeComError.TOO_MANY_ARTICLES.exception();
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode e : a) {
            if (!e.isObject()) throw WeComError.invalidParameter(msgtype + ".articles");
            out.add(e);
        }
        return out;
    }

    private static String mediaId(JsonNode in, String field, String msgtype) {
        String id = text(in, field, msgtype);
        if (id == null || id.isEmpty()) throw WeComError.INVALID_MEDIA_ID.exception();
        return id;
    }

    private static void optional(JsonNode in, ObjectNode out, String field, int maxBytes, String msgtype) {
        String v = text(in, field, msgtype);
        if (v != null) out.put(field, Limits.truncateUtf8(v, maxBytes));
    }

    /** A string field; null when absent or null; numbers are read as their text; other types 40058. */
    private static String text(JsonNode in, String field, String msgtype) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.textValue();
        if (v.isNumber()) return v.asText();
        throw WeComError.invalidParameter(msgtype + "." + field);
    }
}
