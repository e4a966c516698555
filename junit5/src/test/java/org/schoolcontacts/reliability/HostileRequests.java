package org.schoolcontacts.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile HTTP requests, as raw bytes, over every endpoint: valid bodies mutated, wrong types, deep
 * nesting, huge strings and arrays, invalid UTF-8, control characters and percent-encoded NULs in paths
 * and query strings, duplicate keys, wrong content types, slow and truncated bodies, enormous query
 * strings and headers, broken framing. Each request names its class, so a run can count them.
 */
final class HostileRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * One endpoint: its path, whether it reads a body, a valid body or query to start from, and whether
     * it only reads (then even an accepted request must change nothing).
     */
    record Endpoint(String path, boolean post, String validBody, String validQuery, Surface surface, boolean readOnly) {}

    enum Surface { WECOM, GETTOKEN, ADMIN, OTHER }

    /**
     * One request to send.
     *
     * @param incomplete the request is unfinished on purpose (the server may close without answering)
     * @param head       a HEAD request (the answer has no body)
     */
    record Case(String kind, Endpoint endpoint, String method, String target, byte[] bytes, int pieces, long pauseMicros,
                boolean incomplete, boolean head) {
        String describe() {
            String s = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.ISO_8859_1);
            return kind + " " + method + " " + (target.length() > 200 ? target.substring(0, 200) + "…" : target)
                    + " (" + bytes.length + " bytes)\n" + s.replace("\r", "\\r").replace("\n", "\\n\n");
        }
    }

    static final List<String> KINDS = List.of("mutated-valid", "wrong-type", "deep-nesting", "huge-string", "huge-array",
            "invalid-utf8", "control-chars", "nul-in-path", "duplicate-keys", "wrong-content-type", "slow-body",
            "truncated-body", "huge-query", "huge-header", "bad-token", "bad-method", "bad-framing", "odd-path");

    private static final String[] FIELD_NAMES = {"id", "new_id", "parentid", "name", "type", "register_year", "standard_grade",
            "order", "department_admins", "userid", "student_userid", "new_student_userid", "parent_userid",
            "new_parent_userid", "department", "mobile", "to_invite", "children", "relation", "students", "parents",
            "useridlist", "fetch_child", "department_id", "access_token", "corpid", "corpsecret", "enabled",
            "advance_seconds", "reset", "errcode", "path", "times", "delay_ms", "drop_connection", "rename_limit",
            "is_subscribe", "external_userid", "open_group_chat", "group_chat_id", "agentid", "msgtype", "touser",
            "toparty", "text", "content", "suite_id", "suite_ticket", "auth_code", "permanent_code", "corp_id"};

    private final Random random;
    private final String host;
    private final List<Endpoint> endpoints;
    private final Map<String, String> tokens;

    /** @param tokens access tokens by app name ("edit", "read", "none", "agency", "system") */
    HostileRequests(Random random, String host, List<Endpoint> endpoints, Map<String, String> tokens) {
        this.random = random;
        this.host = host;
        this.endpoints = endpoints;
        this.tokens = tokens;
    }

    Case next() {
        Endpoint e = endpoints.get(random.nextInt(endpoints.size()));
        String kind = KINDS.get(random.nextInt(KINDS.size()));
        return make(kind, e);
    }

    private Case make(String kind, Endpoint e) {
        String query = query(e);
        String body = e.post() ? e.validBody() : null;
        String method = e.post() ? "POST" : "GET";
        String path = e.path();
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] bodyBytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        int pieces = 0;
        long pause = 0;
        boolean incomplete = false;
        String contentType = "application/json";
        switch (kind) {
            case "mutated-valid" -> {
                if (e.post()) bodyBytes = utf8(mutate(e.validBody(), 1 + random.nextInt(3)));
                else query = mutateQuery(query);
            }
            case "wrong-type" -> {
                if (e.post()) bodyBytes = utf8(wrongTypes(e.validBody()));
                else query = replaceQueryValues(query, () -> pick("[]", "{}", "null", "true", "-1", "1.5", "1e999",
                        "99999999999999999999999", "%5B1%5D", "", "0x10"));
            }
            case "deep-nesting" -> {
                int depth = pickInt(50, 1000, 5000, 100_000);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                String field = pick("students", "parents", "department", "children", "name", "useridlist", "department_admins", "x");
                bodyBytes = utf8("{\"" + field + "\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}");
                if (!e.post()) {
                    method = "POST";
                }
            }
            case "huge-string" -> {
                int n = pickInt(1000, 70_000, 400_000, 1_100_000);
                String unit = pick("x", "中", "😀", "\\u0000", "\\\"", "<");
                String big = unit.repeat(Math.max(1, n / unit.length()));
                if (e.post()) bodyBytes = utf8(setField(e.validBody(), big));
                else query = replaceQueryValues(query, () -> "y".repeat(Math.min(n, 6000)));
            }
            case "huge-array" -> {
                int n = pickInt(101, 1000, 20_000, 150_000);
                StringBuilder b = new StringBuilder("{\"" + pick("students", "parents", "useridlist", "department", "children",
                        "department_admins") + "\":[");
                String item = pick("1", "\"u\"", "{\"student_userid\":\"x\",\"name\":\"n\",\"department\":[11]}", "{}", "[]", "null");
                for (int i = 0; i < n; i++) b.append(i == 0 ? "" : ",").append(item.replace("\"x\"", "\"x" + i + "\""));
                bodyBytes = utf8(b.append("]}").toString());
                if (!e.post()) method = "POST";
            }
            case "invalid-utf8" -> {
                byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xE4, (byte) 0xB8}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};
                byte[] b = bad[random.nextInt(bad.length)];
                int where = random.nextInt(3);
                if (where == 0 && e.post()) {
                    bodyBytes = insertIntoString(utf8(e.validBody()), b);
                } else if (where == 1) {
                    query = query + "&userid=" + percent(b) + "&department_id=" + percent(b);
                } else {
                    path = path + new String(b, StandardCharsets.ISO_8859_1);
                }
            }
            case "control-chars" -> {
                String c = pick("%00", "%01", "%0A", "%0D%0A", "%7F", "%1B", "%08", "%09", "%C0%80", "%E2%80%AE", "%EF%BB%BF", "%FF");
                query = replaceQueryValues(query, () -> c + "s0001" + c);
                if (random.nextBoolean()) query = query + "&" + c + "=" + c;
                if (e.post() && random.nextBoolean()) bodyBytes = utf8(setField(e.validBody(), "a\u0000b\u0001\u001f\u007f\u2028"));
            }
            case "nul-in-path" -> path = pick(path + "%00", path.replace("/school/", "/school%00/"), path + "%00.json",
                    path.replace("/cgi-bin/", "/cgi-bin%2F"), path + "/..%2F..%2F__admin%2Freset", path + ";%00", "%00" + path,
                    path.replace("/", "%2F"), path + "%2500", path + "/%2e%2e/%2e%2e/__admin/reset", path.toUpperCase());
            case "duplicate-keys" -> {
                if (e.post()) bodyBytes = utf8(duplicateKey(e.validBody()));
                else query = query + "&" + query;
            }
            case "wrong-content-type" -> contentType = pick("text/plain", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=zz", "application/json; charset=ISO-8859-1", "application/json; charset=bogus",
                    "application/xml", "", "*/*", "application/json; charset=utf-16", "image/png");
            case "slow-body" -> {
                pieces = 3 + random.nextInt(10);
                pause = 200 + random.nextInt(2000);
                if (!e.post()) {
                    method = "POST";
                    bodyBytes = utf8("{}");
                }
            }
            case "truncated-body" -> incomplete = true;
            case "huge-query" -> {
                int mode = random.nextInt(3);
                if (mode == 0) query = query + "&pad=" + "q".repeat(pickInt(4000, 7000, 20_000, 200_000));
                else if (mode == 1) query = query + "&a=1".repeat(pickInt(1000, 2000, 10_000));
                else query = query + ("&access_token=" + tokens.get("edit")).repeat(pickInt(2, 50, 500));
            }
            case "huge-header" -> {
                if (random.nextBoolean()) headers.put("X-Pad", "h".repeat(pickInt(4000, 7000, 9000, 70_000)));
                else for (int i = 0, n = pickInt(50, 200, 2000); i < n; i++) headers.put("X-H" + i, "v" + i);
            }
            case "bad-token" -> query = query.replaceAll("access_token=[^&]*", "access_token=" + pick(
                    tokens.get("read"), tokens.get("none"), tokens.get("agency"), tokens.get("system"), "", "%00",
                    "x".repeat(129), tokens.get("edit") + "x", tokens.get("edit").toLowerCase(), "'%20OR%201=1--",
                    tokens.get("edit").substring(1), "%E4%B8%AD", tokens.get("edit") + "%00"));
            case "bad-method" -> method = pick("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "CONNECT", "FOO", "get", "P OST");
            case "odd-path" -> path = pick("/", "/cgi-bin", "/cgi-bin/", "/cgi-bin/school", "/cgi-bin/school/", path + "/",
                    path + "/extra", "//" + path.substring(1), path + "?", path + "#frag", "/favicon.ico", "/cgi-bin/school/user/",
                    "/cgi-bin/school/user/get/../list", "/__admin", "/__admin/", "/__admin/nothing", "/__console", "/__console/x",
                    "/cgi-bin/service/get_suite_token", "/cgi-bin/message/send", path + ";jsessionid=1", "*", "/%", "/%zz",
                    "/" + "p/".repeat(3000));
            case "bad-framing" -> {
                return framing(e, method, path, query, bodyBytes);
            }
            default -> throw new IllegalStateException(kind);
        }
        String target = path + (query.isEmpty() ? "" : "?" + query);
        if ("bad-method".equals(kind) && method.equals("HEAD")) {
            return new Case(kind, e, method, target, request(method, target, headers, contentType, null, false), 0, 0, false, true);
        }
        byte[] bytes = request(method, target, headers, contentType, bodyBytes, incomplete);
        return new Case(kind, e, method, target, bytes, pieces, pause, incomplete, false);
    }

    /** Requests whose HTTP framing itself is wrong. */
    private Case framing(Endpoint e, String method, String path, String query, byte[] body) {
        String target = path + (query.isEmpty() ? "" : "?" + query);
        byte[] b = body == null ? new byte[0] : body;
        String text = new String(b, StandardCharsets.ISO_8859_1);
        String raw;
        boolean incomplete = true;
        switch (random.nextInt(14)) {
            case 0 -> raw = method + " " + target + " HTTP/1.0\r\nContent-Length: " + b.length + "\r\n\r\n" + text;
            case 1 -> raw = method + " " + target + " HTTP/1.1\r\nContent-Length: " + b.length + "\r\n\r\n" + text; // no Host
            case 2 -> raw = method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: -5\r\n\r\n" + text;
            case 3 -> raw = method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: " + b.length
                    + "\r\nContent-Length: " + (b.length + 7) + "\r\n\r\n" + text;
            case 4 -> raw = method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: abc\r\n\r\n" + text;
            case 5 -> raw = method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(b.length + 3) + "\r\n" + text + "\r\n0\r\n\r\n";
            case 6 -> raw = method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"
                    + "zz\r\n" + text + "\r\n0\r\n\r\n";
            case 7 -> raw = method + " http://" + host + target + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: " + b.length + "\r\n\r\n" + text;
            case 8 -> raw = method + " " + target + " HTTP/2.0\r\nHost: " + host + "\r\n\r\n";
            case 9 -> raw = method + " " + target + "\r\n\r\n"; // HTTP/0.9
            case 10 -> raw = method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: "
                    + b.length + "\r\n\r\n" + text;
            case 11 -> raw = method + " " + target + " HTTP/1.1\nHost: " + host + "\nContent-Length: " + b.length + "\n\n" + text; // bare LF
            case 12 -> raw = method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n Folded: header\r\nBad Header Name: x\r\nContent-Length: "
                    + b.length + "\r\n\r\n" + text;
            default -> raw = method + "  " + target + "   HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 99999999999999999999\r\n\r\n" + text;
        }
        return new Case("bad-framing", e, method, target, raw.getBytes(StandardCharsets.ISO_8859_1), 0, 0, incomplete, false);
    }

    private byte[] request(String method, String target, Map<String, String> extra, String contentType, byte[] body, boolean truncate) {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        for (Map.Entry<String, String> h : extra.entrySet()) head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        byte[] b = body == null ? new byte[0] : body;
        if (body != null && !contentType.isEmpty()) head.append("Content-Type: ").append(contentType).append("\r\n");
        int sent = b.length;
        if (truncate) {
            int mode = random.nextInt(3);
            if (mode == 0) {
                // head never finished
                return (head.toString()).getBytes(StandardCharsets.ISO_8859_1);
            }
            sent = mode == 1 ? b.length / 2 : 0;
            head.append("Content-Length: ").append(b.length + 10).append("\r\n");
        } else if (body != null || method.equals("POST")) {
            head.append("Content-Length: ").append(b.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(b, 0, sent);
        return out.toByteArray();
    }

    private String query(Endpoint e) {
        String q = e.validQuery() == null ? "" : e.validQuery();
        if (e.surface() == Surface.WECOM) q = (q.isEmpty() ? "" : q + "&") + "access_token=" + tokens.get("edit");
        return q;
    }

    private String mutateQuery(String q) {
        return replaceQueryValues(q, () -> pick("", "0", "-1", "2147483648", "s0001", "S0001", "p0001", "nobody", "11", "1",
                "a%20b", "中文", "%E4%B8%AD", "1;2", "null", "undefined", "%2e%2e"));
    }

    private String replaceQueryValues(String q, java.util.function.Supplier<String> value) {
        if (q.isEmpty()) return "x=" + value.get();
        StringBuilder b = new StringBuilder();
        for (String pair : q.split("&")) {
            if (b.length() > 0) b.append('&');
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals("access_token") || key.equals("corpid") && random.nextBoolean()) b.append(pair);
            else b.append(key).append('=').append(value.get());
        }
        return b.toString();
    }

    /** Replaces, removes or adds a few values anywhere in the tree. */
    private String mutate(String valid, int times) {
        JsonNode root = parse(valid);
        for (int i = 0; i < times; i++) {
            List<ObjectNode> objects = new ArrayList<>();
            collectObjects(root, objects);
            if (objects.isEmpty()) break;
            ObjectNode o = objects.get(random.nextInt(objects.size()));
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            int op = random.nextInt(4);
            if (op == 0 && !names.isEmpty()) o.remove(names.get(random.nextInt(names.size())));
            else if (op == 1 || names.isEmpty()) o.set(FIELD_NAMES[random.nextInt(FIELD_NAMES.length)], value());
            else o.set(names.get(random.nextInt(names.size())), value());
        }
        return root.toString();
    }

    private String wrongTypes(String valid) {
        JsonNode root = parse(valid);
        if (!(root instanceof ObjectNode o)) return valid;
        Iterator<Map.Entry<String, JsonNode>> it = o.fields();
        List<String> names = new ArrayList<>();
        while (it.hasNext()) names.add(it.next().getKey());
        for (String n : names) {
            JsonNode v = o.get(n);
            if (v.isTextual()) o.set(n, pick(NODES.numberNode(7), NODES.arrayNode().add("x"), NODES.objectNode(), NODES.booleanNode(true)));
            else if (v.isNumber()) o.set(n, pick(NODES.textNode("seven"), NODES.arrayNode().add(1), NODES.numberNode(1.5), NODES.numberNode(-1),
                    NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")), NODES.booleanNode(false)));
            else if (v.isArray()) o.set(n, pick(NODES.textNode("[1]"), NODES.numberNode(1), NODES.objectNode().put("0", 1),
                    NODES.arrayNode().add(NODES.arrayNode()), NODES.arrayNode().addNull()));
            else if (v.isObject()) o.set(n, pick(NODES.textNode("{}"), NODES.arrayNode(), NODES.numberNode(0)));
            else o.set(n, NODES.textNode("?"));
        }
        if (random.nextInt(4) == 0) return pick("[" + o + "]", "\"" + o.toString().replace("\"", "\\\"") + "\"", "null", "12", "true");
        return o.toString();
    }

    /** Puts {@code value} into one string field somewhere in the body (or a new one). */
    private String setField(String valid, String value) {
        JsonNode root = parse(valid);
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(root, objects);
        ObjectNode o = objects.isEmpty() ? (ObjectNode) (root = NODES.objectNode()) : objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() || random.nextInt(4) == 0 ? FIELD_NAMES[random.nextInt(FIELD_NAMES.length)] : names.get(random.nextInt(names.size()));
        if (value.contains("\\u0000") || value.contains("\\\"")) {
            // already JSON-escaped text: splice it in as it is
            o.put(name, "@@");
            return root.toString().replace("\"@@\"", "\"" + value + "\"");
        }
        o.put(name, value);
        return root.toString();
    }

    private String duplicateKey(String valid) {
        JsonNode root = parse(valid);
        if (!(root instanceof ObjectNode o) || o.isEmpty()) return "{\"a\":1,\"a\":2}";
        String name = o.fieldNames().next();
        String text = o.toString();
        return "{\"" + name + "\":" + value() + "," + text.substring(1);
    }

    private JsonNode value() {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode("");
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(-1);
            case 4 -> NODES.numberNode(2147483648L);
            case 5 -> NODES.textNode(pick("s0001", "S0001", "p0001", "nobody", "11", "10", "1"));
            case 6 -> NODES.arrayNode().add(11).add(11);
            case 7 -> NODES.arrayNode();
            case 8 -> NODES.objectNode().put("student_userid", "s0001").put("relation", "父亲");
            case 9 -> NODES.booleanNode(random.nextBoolean());
            case 10 -> NODES.textNode("x".repeat(random.nextInt(200)));
            case 11 -> NODES.numberNode(1e300);
            case 12 -> NODES.textNode("\u202e\u0000\ud83d\ude00" + random.nextInt(1000));
            default -> {
                ArrayNode a = NODES.arrayNode();
                a.addObject().put("student_userid", "m" + random.nextInt(50)).put("name", "M").set("department", NODES.arrayNode().add(11));
                yield a;
            }
        };
    }

    private static void collectObjects(JsonNode n, List<ObjectNode> out) {
        if (n instanceof ObjectNode o) out.add(o);
        if (n.isContainerNode()) n.forEach(c -> collectObjects(c, out));
    }

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("template is not JSON: " + s, e);
        }
    }

    /** Inserts raw bytes just after the first string value's opening quote. */
    private byte[] insertIntoString(byte[] body, byte[] bad) {
        int at = -1;
        for (int i = 1; i < body.length; i++) {
            if (body[i] == '"' && body[i - 1] == ':') {
                at = i + 1;
                break;
            }
        }
        if (at < 0) at = body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, at);
        out.writeBytes(bad);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private static String percent(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append('%').append(String.format("%02X", x & 0xFF));
        return s.toString();
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @SafeVarargs
    private <T> T pick(T... options) { return options[random.nextInt(options.length)]; }

    private int pickInt(int... options) { return options[random.nextInt(options.length)]; }
}
