package org.schoolcontacts.junit5;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * A fault rule to add with {@code handle.faults().add(...)}, built without JSON:
 * <pre>{@code
 * handle.faults().add(Fault.on("/cgi-bin/school/user/get").errcode(-1).times(1));
 * handle.faults().add(Fault.on("/cgi-bin/school/*").delay(Duration.ofMillis(300)).corp("wwschool00000001"));
 * }</pre>
 * The server checks every field (docs/admin.md); a bad one fails the {@code add} with the server's reason.
 */
public final class Fault {
    private final ObjectNode spec = JsonNodeFactory.instance.objectNode();

    private Fault(String path) { spec.put("path", path); }

    /** Calls to this path (exact, or a prefix ending in {@code *}). */
    public static Fault on(String path) { return new Fault(path); }

    /** Answer with this errcode (and WeCom's phrase for it, unless {@link #errmsg} is set); nothing changes. */
    public Fault errcode(int errcode) {
        spec.put("errcode", errcode);
        return this;
    }

    public Fault errmsg(String errmsg) {
        spec.put("errmsg", errmsg);
        return this;
    }

    /** Wait this long before answering (at most a minute). */
    public Fault delay(Duration delay) {
        spec.put("delay_ms", delay.toMillis());
        return this;
    }

    /** Close the connection without an answer. */
    public Fault dropConnection() {
        spec.put("drop_connection", true);
        return this;
    }

    /** Only the next {@code n} matching calls. */
    public Fault times(int n) {
        spec.put("times", n);
        return this;
    }

    /** Only this fraction of matching calls (0 &lt; p ≤ 1), drawn from {@code seed} for repeatable runs. */
    public Fault probability(double p, long seed) {
        spec.put("probability", p);
        spec.put("seed", seed);
        return this;
    }

    /** Only calls of this corp. */
    public Fault corp(String corpId) {
        spec.put("corpid", corpId);
        return this;
    }

    /** Only calls of this app. */
    public Fault agent(long agentid) {
        spec.put("agentid", agentid);
        return this;
    }

    /** The rule as the JSON {@code POST /__admin/faults} takes. */
    public String toJson() { return spec.toString(); }

    @Override
    public String toString() { return toJson(); }
}
