package org.schoolcontacts.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.http.AdminRoute;
import org.schoolcontacts.http.AdminRoute.Response;
import org.schoolcontacts.storage.Database;

/** The {@code /__admin} routes of running.md: health, reset, clock and the test-time controls. */
public final class AdminEndpoints {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Database db;
    private final ServerClock clock;
    private final Seeder seeder;
    private final Faults faults;
    private final RequestJournal journal;
    private final RateLimits rateLimits;
    private final DataControls data;

    public AdminEndpoints(Database db, ServerClock clock, Seeder seeder, Faults faults, RequestJournal journal, RateLimits rateLimits,
                          org.schoolcontacts.tokens.Tokens tokens) {
        this.data = new DataControls(db, tokens);
        this.db = db;
        this.clock = clock;
        this.seeder = seeder;
        this.faults = faults;
        this.journal = journal;
        this.rateLimits = rateLimits;
    }

    public List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("GET", "/__admin/health", r -> health()),
                new AdminRoute("POST", "/__admin/reset", r -> reset()),
                new AdminRoute("POST", "/__admin/clock", r -> clock(r.body())),
                new AdminRoute("GET", "/__admin/clock", r -> new Response(200, clockState())),
                new AdminRoute("POST", "/__admin/faults", r -> new Response(200, Map.of("id", faults.add(r.body())))),
                new AdminRoute("GET", "/__admin/faults", r -> new Response(200, NODES.objectNode().set("faults", faults.list()))),
                new AdminRoute("DELETE", "/__admin/faults/{id}", r -> faults.remove(r.pathParam().apply("id"))
                        ? new Response(200, Map.of("deleted", true)) : new Response(404, Map.of("error", "no such fault"))),
                new AdminRoute("DELETE", "/__admin/faults", r -> {
                    faults.clear();
                    return new Response(200, Map.of("deleted", true));
                }),
                new AdminRoute("GET", "/__admin/requests", r -> requests(r)),
                new AdminRoute("DELETE", "/__admin/requests", r -> {
                    journal.clear();
                    return new Response(200, Map.of("deleted", true));
                }),
                new AdminRoute("POST", "/__admin/rate-limits", r -> {
                    JsonNode on = r.body().get("enabled");
                    if (on == null || !on.isBoolean()) throw new IllegalArgumentException("\"enabled\" must be true or false");
                    rateLimits.setEnabled(on.asBoolean());
                    rateLimits.setLimits(positive(r.body(), "corp_per_minute"), positive(r.body(), "corp_per_hour"),
                            positive(r.body(), "ip_per_minute"), positive(r.body(), "ip_per_hour"));
                    return new Response(200, rateLimits.describe());
                }),
                new AdminRoute("GET", "/__admin/rate-limits", r -> new Response(200, rateLimits.describe())),
                new AdminRoute("POST", "/__admin/tokens/revoke", r -> data.revokeTokens(r.body())),
                new AdminRoute("POST", "/__admin/parents/subscription", r -> data.parentSubscription(r.body())),
                new AdminRoute("POST", "/__admin/classes/group-chat", r -> data.classGroupChat(r.body())),
                new AdminRoute("POST", "/__admin/rename-limit", r -> data.renameLimit(r.body())),
                new AdminRoute("PATCH", "/__admin/corps/{corpid}/apps/{agentid}",
                        r -> data.appEnabled(r.pathParam().apply("corpid"), r.pathParam().apply("agentid"), r.body())),
                new AdminRoute("PATCH", "/__admin/corps/{corpid}/settings",
                        r -> data.settings(r.pathParam().apply("corpid"), r.body())));
    }

    private static Integer positive(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || v.asInt() <= 0) throw new IllegalArgumentException("\"" + field + "\" must be a positive integer");
        return v.asInt();
    }

    private Response health() {
        try {
            db.read(tx -> tx.count("SELECT COUNT(*) FROM corps"));
            return new Response(200, Map.of("status", "ok"));
        } catch (RuntimeException e) {
            return new Response(503, Map.of("status", "unavailable"));
        }
    }

    private Response reset() {
        List<String> corps = seeder.reset();
        return new Response(200, Map.of("status", "ok", "corps", corps));
    }

    private Response clock(JsonNode body) {
        if (body.path("reset").asBoolean(false)) {
            setOffset(0);
        } else {
            JsonNode adv = body.get("advance_seconds");
            if (adv == null || !adv.isIntegralNumber() || adv.asLong() < 0) {
                throw new IllegalArgumentException("give {\"advance_seconds\": N} with N >= 0, or {\"reset\": true}");
            }
            // from the stored offset: another process may have moved the shared clock since
            setOffset(ServerSettings.loadClockOffset(db) + adv.asLong() * 1000);
        }
        return new Response(200, clockState());
    }

    private void setOffset(long offset) {
        ServerSettings.saveClockOffset(db, offset);
        clock.setOffsetMillis(offset);
    }

    private ObjectNode clockState() {
        ObjectNode n = NODES.objectNode();
        n.put("now", clock.millis());
        n.put("offset_seconds", clock.offsetMillis() / 1000);
        return n;
    }

    private Response requests(AdminRoute.Request r) {
        String errcode = r.query().apply("errcode");
        String since = r.query().apply("since");
        String limit = r.query().apply("limit");
        try {
            return new Response(200, NODES.objectNode().set("requests", journal.find(r.query().apply("path"),
                    r.query().apply("corpid"), errcode == null ? null : Integer.valueOf(errcode),
                    since == null ? null : Long.valueOf(since), limit == null ? 100 : Integer.parseInt(limit))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("errcode, since and limit must be integers");
        }
    }
}
