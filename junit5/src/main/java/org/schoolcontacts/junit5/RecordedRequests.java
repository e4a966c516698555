package org.schoolcontacts.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's request journal ({@code /__admin/requests}) as typed calls: {@code handle.requests()}.
 * <pre>{@code
 * List<RecordedRequests.Entry> failed = handle.requests().matching(RecordedRequests.path("/cgi-bin/school/user/*").errcode(60111));
 * assertThat(handle.requests().count(RecordedRequests.path("/cgi-bin/gettoken"))).isEqualTo(1);
 * }</pre>
 */
public final class RecordedRequests {
    private final SchoolContactsHandle handle;

    RecordedRequests(SchoolContactsHandle handle) { this.handle = handle; }

    /** One journal entry; the token and secrets in {@code path} and {@code body} are {@code ***}. */
    public record Entry(long time, String method, String path, String corpId, Long agentid, String body, String response,
                        int errcode, long ms) {
        static Entry of(JsonNode n) {
            return new Entry(n.path("time").asLong(), n.path("method").asText(), n.path("path").asText(),
                    n.hasNonNull("corpid") ? n.get("corpid").asText() : null, n.hasNonNull("agentid") ? n.get("agentid").asLong() : null,
                    n.path("body").asText(), n.path("response").asText(), n.path("errcode").asInt(), n.path("ms").asLong());
        }

        /** The path without its query string. */
        public String bare() {
            int q = path.indexOf('?');
            return q < 0 ? path : path.substring(0, q);
        }
    }

    /** Which entries to return; every condition given must hold. */
    public static final class Pattern {
        private String path;
        private String corpId;
        private Integer errcode;
        private Long since;
        private int limit = 100;

        private Pattern() {}

        /** Every entry (the newest {@link #limit} of them). */
        public static Pattern any() { return new Pattern(); }

        /** Only calls to this path (exact, or a prefix ending in {@code *}). */
        public Pattern path(String p) {
            path = p;
            return this;
        }

        public Pattern corp(String id) {
            corpId = id;
            return this;
        }

        public Pattern errcode(int code) {
            errcode = code;
            return this;
        }

        /** Only entries at or after this server-clock time (epoch milliseconds). */
        public Pattern since(long millis) {
            since = millis;
            return this;
        }

        public Pattern limit(int n) {
            limit = n;
            return this;
        }

        String query() {
            StringBuilder q = new StringBuilder("?limit=").append(limit);
            if (path != null) q.append("&path=").append(SchoolContactsHandle.enc(path));
            if (corpId != null) q.append("&corpid=").append(SchoolContactsHandle.enc(corpId));
            if (errcode != null) q.append("&errcode=").append(errcode);
            if (since != null) q.append("&since=").append(since);
            return q.toString();
        }
    }

    /** Shorthand for {@code Pattern.any().path(p)}. */
    public static Pattern path(String p) { return Pattern.any().path(p); }

    /** The matching entries, newest first. */
    public List<Entry> matching(Pattern pattern) {
        List<Entry> out = new ArrayList<>();
        for (JsonNode n : handle.admin("GET", "/__admin/requests" + pattern.query(), null).get("requests")) out.add(Entry.of(n));
        return out;
    }

    /** Every entry kept (the newest 100), newest first. */
    public List<Entry> all() { return matching(Pattern.any()); }

    /** How many entries match (up to the pattern's limit). */
    public int count(Pattern pattern) { return matching(pattern).size(); }

    /** Empties the journal. */
    public void clear() {
        handle.admin("DELETE", "/__admin/requests", null);
    }
}
