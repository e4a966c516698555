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
import org.schoolcontacts.http.AdminInputException;

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

        Rule(String id, AdminBody spec) {
            this.id = id;
            this.path = spec.text("path");
            if (!path.startsWith("/")) throw new AdminInputException("path", "\"path\" must start with /, got \"" + path + "\"");
            this.corpId = spec.optionalText("corpid");
            this.agentid = spec.optionalInteger("agentid", 1, Long.MAX_VALUE);
            Long code = spec.optionalInteger("errcode", Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (code != null && code == 0) throw new AdminInputException("errcode", "\"errcode\" 0 is success, not a fault");
            this.errcode = code == null ? null : code.intValue();
            this.errmsg = spec.optionalText("errmsg");
            if (errmsg != null && errcode == null) throw new AdminInputException("errmsg", "\"errmsg\" needs an \"errcode\"");
            this.delayMs = spec.optionalInteger("delay_ms", 0, MAX_DELAY_MS) == null ? 0 : spec.optionalInteger("delay_ms", 0, MAX_DELAY_MS);
            this.dropConnection = Boolean.TRUE.equals(spec.optionalBool("drop_connection"));
            Long t = spec.optionalInteger("times", 1, Integer.MAX_VALUE);
            this.times = t == null ? null : t.intValue();
            this.probability = spec.optionalFraction("probability");
            Long seed = spec.optionalInteger("seed", Long.MIN_VALUE, Long.MAX_VALUE);
            if (seed != null && probability == null) throw new AdminInputException("seed", "\"seed\" needs a \"probability\"");
            this.random = seed != null ? new Random(seed) : new Random();
            if (errcode == null && delayMs == 0 && !dropConnection) {
                throw new AdminInputException("errcode", "a fault needs an effect: \"errcode\", \"delay_ms\" above 0 or \"drop_connection\": true");
            }
            if (dropConnection && errcode != null) {
                throw new AdminInputException("drop_connection", "\"drop_connection\" and \"errcode\" exclude each other: a dropped call has no answer");
            }
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

    /** The fields a rule takes (running.md); any other is refused. */
    public static final String[] FIELDS = {"path", "corpid", "agentid", "errcode", "errmsg", "delay_ms", "drop_connection", "times",
        "probability", "seed"};
    /** The longest {@code delay_ms}: a minute. */
    public static final long MAX_DELAY_MS = 60_000;

    /** Adds a rule after checking every field (400 naming the field otherwise); returns its id. */
    public String add(JsonNode spec) {
        AdminBody body = AdminBody.of(spec, FIELDS);
        synchronized (this) {
            Rule rule = new Rule("f" + (ids.get() + 1), body); // a refused rule uses up no id
            ids.incrementAndGet();
            rules.add(rule);
            return rule.id;
        }
    }

    /** One rule with how often it fired, or empty. */
    public synchronized Optional<ObjectNode> get(String id) {
        return rules.stream().filter(r -> r.id.equals(id)).findFirst().map(Rule::toJson);
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
