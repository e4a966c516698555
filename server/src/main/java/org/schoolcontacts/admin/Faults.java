package org.schoolcontacts.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault rules for tests (running.md "Test-time controls"): the next calls matching a path (exact, or a
 * prefix ending in {@code *}) and optionally a corp or app answer with an errcode, wait, or lose their
 * connection. Held in this process's memory: a test control, not school data.
 */
public final class Faults {
    private final List<Rule> rules = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    public static final class Rule {
        final String id;
        final String path;
        final String corpId;
        final Long agentid;
        final Integer errcode;
        final String errmsg;
        final long delayMs;
        final boolean dropConnection;
        final Integer times;
        final Double probability;
        final Random random;
        int fired;

        Rule(String id, JsonNode spec) {
            this.id = id;
            this.path = spec.path("path").asText();
            this.corpId = text(spec, "corpid");
            this.agentid = spec.hasNonNull("agentid") ? spec.get("agentid").asLong() : null;
            this.errcode = spec.hasNonNull("errcode") ? spec.get("errcode").asInt() : null;
            this.errmsg = text(spec, "errmsg");
            this.delayMs = spec.path("delay_ms").asLong(0);
            this.dropConnection = spec.path("drop_connection").asBoolean(false);
            this.times = spec.hasNonNull("times") ? spec.get("times").asInt() : null;
            this.probability = spec.hasNonNull("probability") ? spec.get("probability").asDouble() : null;
            this.random = spec.hasNonNull("seed") ? new Random(spec.get("seed").asLong()) : new Random();
        }

        private static String text(JsonNode n, String f) {
            return n.hasNonNull(f) ? n.get(f).asText() : null;
        }

        boolean matches(String requestPath, String corp, Long agent) {
            boolean pathOk = path.endsWith("*") ? requestPath.startsWith(path.substring(0, path.length() - 1))
                    : requestPath.equals(path);
            if (!pathOk) return false;
            if (corpId != null && !corpId.equals(corp)) return false;
            if (agentid != null && !agentid.equals(agent)) return false;
            if (times != null && fired >= times) return false;
            return probability == null || random.nextDouble() < probability;
        }

        public Optional<Integer> errcode() { return Optional.ofNullable(errcode); }

        public Optional<String> errmsg() { return Optional.ofNullable(errmsg); }

        public long delayMs() { return delayMs; }

        public boolean dropConnection() { return dropConnection; }

        ObjectNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("id", id);
            n.put("path", path);
            if (corpId != null) n.put("corpid", corpId);
            if (agentid != null) n.put("agentid", agentid);
            if (errcode != null) n.put("errcode", errcode);
            if (errmsg != null) n.put("errmsg", errmsg);
            if (delayMs > 0) n.put("delay_ms", delayMs);
            if (dropConnection) n.put("drop_connection", true);
            if (times != null) n.put("times", times);
            if (probability != null) n.put("probability", probability);
            n.put("fired", fired);
            return n;
        }
    }

    /** Adds a rule; the spec must name a path. */
    public synchronized String add(JsonNode spec) {
        if (!spec.hasNonNull("path") || spec.get("path").asText().isEmpty()) {
            throw new IllegalArgumentException("a fault needs a path");
        }
        String id = "f" + ids.incrementAndGet();
        rules.add(new Rule(id, spec));
        return id;
    }

    /** The first rule matching this call, counted as fired. */
    public synchronized Optional<Rule> fire(String path, String corpId, Long agentid) {
        for (Rule r : rules) {
            if (r.matches(path, corpId, agentid)) {
                r.fired++;
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public synchronized ArrayNode list() {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Rule r : rules) a.add(r.toJson());
        return a;
    }

    public synchronized boolean remove(String id) {
        return rules.removeIf(r -> r.id.equals(id));
    }

    public synchronized void clear() { rules.clear(); }
}
