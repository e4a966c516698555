package org.schoolcontacts.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The server's fault rules ({@code /__admin/faults}) as typed calls: {@code handle.faults()}. */
public final class FaultRules {
    private final SchoolContactsHandle handle;

    FaultRules(SchoolContactsHandle handle) { this.handle = handle; }

    /** A rule as the server holds it, with how often it fired. */
    public record Rule(String id, String path, Integer errcode, long delayMs, boolean dropConnection, Integer times, int fired,
                       JsonNode json) {
        static Rule of(JsonNode n) {
            return new Rule(n.path("id").asText(), n.path("path").asText(), n.hasNonNull("errcode") ? n.get("errcode").asInt() : null,
                    n.path("delay_ms").asLong(0), n.path("drop_connection").asBoolean(false),
                    n.hasNonNull("times") ? n.get("times").asInt() : null, n.path("fired").asInt(), n);
        }
    }

    /** Adds the rule; returns its id. */
    public String add(Fault fault) {
        return handle.admin("POST", "/__admin/faults", fault.toJson()).get("id").asText();
    }

    /** One rule by id, or empty when it is gone. */
    public Optional<Rule> get(String id) {
        SchoolContactsHandle.Answer a = handle.adminAnswer("GET", "/__admin/faults/" + SchoolContactsHandle.enc(id), null);
        if (a.status() == 404) return Optional.empty();
        if (a.status() != 200) throw new IllegalStateException("GET /__admin/faults/" + id + " answered " + a.status() + ": " + a.raw());
        return Optional.of(Rule.of(a.body()));
    }

    /** Every rule, in the order they were added. */
    public List<Rule> list() {
        List<Rule> out = new ArrayList<>();
        for (JsonNode n : handle.admin("GET", "/__admin/faults", null).get("faults")) out.add(Rule.of(n));
        return out;
    }

    /** Removes one rule; false when there was none with this id. */
    public boolean remove(String id) {
        return handle.adminAnswer("DELETE", "/__admin/faults/" + SchoolContactsHandle.enc(id), null).status() == 200;
    }

    /** Removes every rule. */
    public void clear() {
        handle.admin("DELETE", "/__admin/faults", null);
    }
}
