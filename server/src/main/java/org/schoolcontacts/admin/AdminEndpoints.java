package org.schoolcontacts.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.schoolcontacts.http.AdminInputException;
import java.util.Map;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.http.AdminRoute;
import org.schoolcontacts.http.AdminRoute.Response;
import org.schoolcontacts.storage.Database;

/** The {@code /__admin} routes of running.md: health, reset, clock and the test-time controls. */
public final class AdminEndpoints {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The furthest one clock call moves: ten years. */
    static final long MAX_ADVANCE_SECONDS = 10L * 366 * 24 * 3600;

    private final Database db;
    private final ServerClock clock;
    private final Seeder seeder;
    private final Faults faults;
    private final RequestJournal journal;
    private final RateLimits rateLimits;
    private final DataControls data;
    private final Reset reset;

    public AdminEndpoints(Database db, ServerClock clock, Seeder seeder, Faults faults, RequestJournal journal, RateLimits rateLimits,
                          org.schoolcontacts.tokens.Tokens tokens) {
        this.data = new DataControls(db, tokens, new org.schoolcontacts.events.DirectoryChanges(new org.schoolcontacts.events.Outbox(clock)));
        this.db = db;
        this.clock = clock;
        this.seeder = seeder;
        this.faults = faults;
        this.journal = journal;
        this.rateLimits = rateLimits;
        this.reset = new Reset(seeder::reset);
        // the parts every server has; features with stores of their own register theirs via reset()
        reset.register("tokens", () -> db.writeServer(tx -> tx.update("DELETE FROM tokens")))
                .register("clock", () -> setOffset(0))
                .register("faults", faults::clear)
                .register("journal", journal::clear)
                .register("rate_limits", rateLimits::reset);
    }

    /** The reset every part of the server joins (see {@link Reset#register}). */
    public Reset reset() { return reset; }

    public List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("GET", "/__admin/health", r -> health()),
                new AdminRoute("POST", "/__admin/reset", r -> reset(r.body())),
                new AdminRoute("GET", "/__admin/reset", r -> new Response(200, Map.of("parts", reset.parts()))),
                new AdminRoute("POST", "/__admin/clock", r -> clock(r.body())),
                new AdminRoute("GET", "/__admin/clock", r -> new Response(200, clockState())),
                new AdminRoute("POST", "/__admin/faults", r -> new Response(200, Map.of("id", faults.add(r.body())))),
                new AdminRoute("GET", "/__admin/faults", r -> new Response(200, NODES.objectNode().set("faults", faults.list()))),
                new AdminRoute("GET", "/__admin/faults/{id}", r -> faults.get(r.pathParam().apply("id"))
                        .map(f -> new Response(200, f)).orElseGet(() -> new Response(404, Map.of("error", "no such fault")))),
                new AdminRoute("DELETE", "/__admin/faults/{id}", r -> faults.remove(r.pathParam().apply("id"))
                        ? new Response(200, Map.of("deleted", true)) : new Response(404, Map.of("error", "no such fault"))),
                new AdminRoute("DELETE", "/__admin/faults", r -> {
                    AdminBody.of(r.body());
                    faults.clear();
                    return new Response(200, Map.of("deleted", true));
                }),
                new AdminRoute("GET", "/__admin/requests", r -> requests(r)),
                new AdminRoute("DELETE", "/__admin/requests", r -> {
                    AdminBody.of(r.body());
                    journal.clear();
                    return new Response(200, Map.of("deleted", true));
                }),
                new AdminRoute("POST", "/__admin/rate-limits", r -> {
                    AdminBody b = AdminBody.of(r.body(), "enabled", "corp_per_minute", "corp_per_hour", "ip_per_minute", "ip_per_hour");
                    boolean on = b.bool("enabled");
                    Integer cm = positive(b, "corp_per_minute"), ch = positive(b, "corp_per_hour");
                    Integer im = positive(b, "ip_per_minute"), ih = positive(b, "ip_per_hour");
                    rateLimits.setEnabled(on);
                    rateLimits.setLimits(cm, ch, im, ih);
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

    private static Integer positive(AdminBody body, String field) {
        Long v = body.optionalInteger(field, 1, Integer.MAX_VALUE);
        return v == null ? null : v.intValue();
    }

    private Response health() {
        try {
            db.read(tx -> tx.count("SELECT COUNT(*) FROM corps"));
            return new Response(200, Map.of("status", "ok"));
        } catch (RuntimeException e) {
            return new Response(503, Map.of("status", "unavailable"));
        }
    }

    /** {@code {"keep": [part, …]}} (optional): the parts to leave as they are. */
    private Response reset(JsonNode json) {
        AdminBody body = AdminBody.of(json, "keep");
        Set<String> keep = new LinkedHashSet<>(body.optionalChoices("keep", reset.parts()));
        if (keep.contains("tokens") && !keep.contains(Reset.DATA)) {
            throw new AdminInputException("keep", "\"keep\": tokens can be kept only with data (they belong to the apps the seed recreates)");
        }
        Reset.Outcome done = reset.run(keep);
        ObjectNode out = NODES.objectNode().put("status", "ok");
        out.set("reset", NODES.pojoNode(done.reset()));
        out.set("kept", NODES.pojoNode(done.kept()));
        out.set("corps", NODES.pojoNode(done.corps()));
        return new Response(200, out);
    }

    /** {@code {"advance_seconds": N}} or {@code {"reset": true}}. */
    private Response clock(JsonNode json) {
        AdminBody body = AdminBody.of(json, "advance_seconds", "reset");
        Boolean back = body.optionalBool("reset");
        Long adv = body.optionalInteger("advance_seconds", 0, MAX_ADVANCE_SECONDS);
        if ((back == null) == (adv == null) || Boolean.FALSE.equals(back)) {
            throw new AdminInputException(adv == null ? "advance_seconds" : "reset",
                    "give {\"advance_seconds\": N} with N from 0 to " + MAX_ADVANCE_SECONDS + ", or {\"reset\": true}");
        }
        if (back != null) {
            setOffset(0);
        } else {
            // from the stored offset: another process may have moved the shared clock since
            setOffset(ServerSettings.loadClockOffset(db) + adv * 1000);
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
        Long errcode = queryInteger(r, "errcode", Integer.MIN_VALUE, Integer.MAX_VALUE);
        Long since = queryInteger(r, "since", 0, Long.MAX_VALUE);
        Long limit = queryInteger(r, "limit", 1, RequestJournal.MAX_CAPACITY);
        return new Response(200, NODES.objectNode().set("requests", journal.find(r.query().apply("path"),
                r.query().apply("corpid"), errcode == null ? null : errcode.intValue(), since,
                limit == null ? 100 : limit.intValue())));
    }

    private static Long queryInteger(AdminRoute.Request r, String name, long min, long max) {
        String v = r.query().apply(name);
        if (v == null || v.isEmpty()) return null;
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AdminInputException(name, "query parameter \"" + name + "\" must be an integer from " + min + " to " + max + ", got \"" + v + "\"");
    }
}
