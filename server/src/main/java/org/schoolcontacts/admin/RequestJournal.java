package org.schoolcontacts.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.regex.Pattern;

/**
 * A bounded journal of the latest WeCom calls, newest first, for {@code GET /__admin/requests}.
 * Secrets and tokens are masked in everything the journal hands out. They are masked when an entry is
 * read, not when it is added: every request adds one entry (a gettoken's query and answer both name a
 * credential, so masking there ran four patterns per call, issue 15) while few entries are ever read.
 */
public final class RequestJournal {
    /** Default number of entries kept ({@code --journal-size}); older ones are dropped. */
    public static final int CAPACITY = 2000;
    /** The largest {@code --journal-size}: entries are up to 32 KiB each. */
    public static final int MAX_CAPACITY = 100_000;
    /** Bodies and responses are kept up to this many characters: a 30,000-student list is megabytes. */
    public static final int MAX_TEXT = 16 * 1024;
    /**
     * Names whose values are credentials wherever they appear (query or JSON): anything ending in
     * {@code secret} or {@code token} (corpsecret, suite_secret, access_token, suite_access_token, …),
     * permanent codes and AES keys.
     */
    private static final String SECRET_NAMES = "(?:\\w*(?:secret|token)|\\w*permanent_code|\\w*aes_?key)";
    private static final Pattern SECRET_IN_QUERY = Pattern.compile("((?<![\\w])" + SECRET_NAMES + "=)[^&\\s]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECRET_IN_JSON = Pattern.compile("(\"" + SECRET_NAMES + "\"\\s*:\\s*\")[^\"]*", Pattern.CASE_INSENSITIVE);

    public record Entry(long time, String method, String path, String corpId, Long agentid, String body,
                        String response, int errcode, long ms) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final int capacity;

    public RequestJournal() { this(CAPACITY); }

    /** A journal keeping the latest {@code capacity} entries (0: none). */
    public RequestJournal(int capacity) {
        if (capacity < 0 || capacity > MAX_CAPACITY) throw new IllegalArgumentException("journal size must be 0-" + MAX_CAPACITY);
        this.capacity = capacity;
    }

    public int capacity() { return capacity; }

    public static String mask(String s) {
        if (s == null || !mayNameASecret(s)) return s;
        return maskByPatterns(s);
    }

    static String maskByPatterns(String s) {
        return SECRET_IN_JSON.matcher(SECRET_IN_QUERY.matcher(s).replaceAll("$1***")).replaceAll("$1***");
    }

    /** The words every {@link #SECRET_NAMES} match contains, lower-case. */
    private static final String[] SECRET_WORDS = {"secret", "token", "permanent_code", "aeskey", "aes_key"};

    /**
     * Whether {@code s} contains a word every secret's name contains (in any case): a single scan with
     * no allocation, so the two patterns run only over the few texts that can hold a credential, not
     * over every list a school reads (issue 15).
     */
    static boolean mayNameASecret(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = (char) (s.charAt(i) | 0x20);
            if (c != 's' && c != 't' && c != 'p' && c != 'a') continue;
            for (String w : SECRET_WORDS) {
                if (w.charAt(0) == c && s.regionMatches(true, i, w, 0, w.length())) return true;
            }
        }
        return false;
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…(" + (s.length() - MAX_TEXT) + " more characters)";
    }

    public void add(Entry e) {
        if (capacity == 0) return;
        // cut outside the lock (this runs on every request); masked by find, the only way out
        keep(new Entry(e.time(), e.method(), e.path(), e.corpId(), e.agentid(), cut(e.body()), cut(e.response()), e.errcode(), e.ms()));
    }

    /**
     * Adds {@code e} with the response the transport streamed through {@code response} ({@code
     * e.response()} is ignored). The transport writes answers straight into the connection, and a
     * list of 30,000 students is megabytes (issue 15): the copy keeps only the head this journal keeps
     * and counts the rest, so the entry reads as {@link #add(Entry)} would have kept the same text.
     */
    public void add(Entry e, ResponseCopy response) {
        if (capacity == 0) return;
        keep(new Entry(e.time(), e.method(), e.path(), e.corpId(), e.agentid(), cut(e.body()), response.text(), e.errcode(), e.ms()));
    }

    /** A sink for the UTF-8 bytes of one response, for {@link #add(Entry, ResponseCopy)}. */
    public ResponseCopy responseCopy() {
        return new ResponseCopy(capacity == 0 ? 0 : 4 * MAX_TEXT);
    }

    /**
     * What the journal keeps of a response streamed as UTF-8: its first bytes (4 a character always
     * suffice for {@link #MAX_TEXT} characters) and the count of UTF-16 characters of all of it.
     */
    public static final class ResponseCopy extends OutputStream {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final long TOP_BITS = 0x8080808080808080L;
        /** Grown as the answer comes, up to {@link #keep}: most answers are a few hundred bytes. */
        private byte[] head;
        private final int keep;
        private int headLength;
        private long chars;

        /**
         * Starts at 1 KiB and doubles as needed: a head of the full 64 KiB would be allocated and zeroed
         * for every answer, most of which are a few hundred bytes.
         */
        private ResponseCopy(int keep) {
            this.keep = keep;
            this.head = new byte[Math.min(keep, 1024)];
        }

        @Override
        public void write(int b) { write(new byte[] {(byte) b}, 0, 1); }

        @Override
        public void write(byte[] b, int off, int len) {
            int n = Math.min(len, keep - headLength);
            if (n > 0) {
                if (headLength + n > head.length) head = java.util.Arrays.copyOf(head, Math.min(keep, Math.max(headLength + n, 2 * head.length)));
                System.arraycopy(b, off, head, headLength, n);
                headLength += n;
            }
            chars += utf16Length(b, off, len);
        }

        /**
         * UTF-16 characters in well-formed UTF-8: one per byte that does not continue a sequence, one
         * more per 4-byte lead (a surrogate pair), counted 8 bytes at a time by their top bits.
         */
        static long utf16Length(byte[] b, int off, int len) {
            long n = 0;
            int i = off;
            for (int end = off + len - 7; i < end; i += 8) {
                long w = (long) LONGS.get(b, i);
                long continuation = w & ~(w << 1) & TOP_BITS;
                long fourByteLead = w & (w << 1) & (w << 2) & (w << 3) & ~(w << 4) & TOP_BITS;
                n += 8 - Long.bitCount(continuation) + Long.bitCount(fourByteLead);
            }
            for (int end = off + len; i < end; i++) {
                if ((b[i] & 0xC0) != 0x80) n++;
                if ((b[i] & 0xF8) == 0xF0) n++;
            }
            return n;
        }

        /** The journal's text: all of it, or its first {@link #MAX_TEXT} characters and how many more. */
        String text() {
            String kept = new String(head, 0, headLength, StandardCharsets.UTF_8);
            if (chars <= MAX_TEXT) return kept;
            return kept.substring(0, MAX_TEXT) + "…(" + (chars - MAX_TEXT) + " more characters)";
        }
    }

    private void keep(Entry stored) {
        synchronized (this) {
            entries.addFirst(stored);
            while (entries.size() > capacity) entries.removeLast();
        }
    }

    public ArrayNode find(String path, String corpId, Integer errcode, Long since, int limit) {
        java.util.List<Entry> matching = new java.util.ArrayList<>();
        synchronized (this) {
            Iterator<Entry> it = entries.iterator();
            while (it.hasNext() && matching.size() < limit) {
                Entry e = it.next();
                if (path != null && !matchesPath(path, e.path())) continue;
                if (corpId != null && !corpId.equals(e.corpId())) continue;
                if (errcode != null && errcode != e.errcode()) continue;
                if (since != null && e.time() < since) continue;
                matching.add(e);
            }
        }
        // masked outside the lock, so reading a long journal does not hold up the requests adding to it
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Entry e : matching) {
            ObjectNode n = out.addObject();
            n.put("time", e.time());
            n.put("method", e.method());
            n.put("path", mask(e.path()));
            // Every field running.md lists, always: null where the call named no corp or no app was found.
            n.put("corpid", e.corpId());
            n.put("agentid", e.agentid());
            n.put("body", e.body() == null ? "" : mask(e.body()));
            n.put("response", mask(e.response()));
            n.put("errcode", e.errcode());
            n.put("ms", e.ms());
        }
        return out;
    }

    private static boolean matchesPath(String wanted, String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return wanted.endsWith("*") ? bare.startsWith(wanted.substring(0, wanted.length() - 1)) : bare.equals(wanted);
    }

    public synchronized void clear() { entries.clear(); }
}
