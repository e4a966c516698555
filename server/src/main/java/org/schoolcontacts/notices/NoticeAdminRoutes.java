package org.schoolcontacts.notices;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.schoolcontacts.http.AdminRoute;
import org.schoolcontacts.http.AdminRoute.Response;

/**
 * The inbox's admin API (spec 5.2): notices newest first, one notice with its recipients, one
 * student's or parent's inbox, forgetting; and an app's allow scope.
 */
public final class NoticeAdminRoutes {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;

    private final Notices notices;

    public NoticeAdminRoutes(Notices notices) { this.notices = notices; }

    public List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("GET", "/__admin/notices", r -> new Response(200, NoticeJson.notices(notices.find(
                        r.query().apply("corpid"), optionalLong(r.query().apply("agentid"), "agentid"), since(r.query().apply("since")),
                        limit(r.query().apply("limit")), "1".equals(r.query().apply("recipients")) || "true".equals(r.query().apply("recipients")))))),
                new AdminRoute("GET", "/__admin/notices/{id}", r -> notices.notice(r.pathParam().apply("id"))
                        .map(n -> new Response(200, NoticeJson.notice(n)))
                        .orElseGet(() -> new Response(404, Map.of("error", "no such notice")))),
                new AdminRoute("DELETE", "/__admin/notices", r -> new Response(200, Map.of("deleted", notices.forget(r.query().apply("corpid"))))),
                new AdminRoute("GET", "/__admin/corps/{corpid}/inbox/{userid}", r -> new Response(200, NoticeJson.inbox(notices.inbox(
                        r.pathParam().apply("corpid"), r.pathParam().apply("userid"), since(r.query().apply("since")),
                        "1".equals(r.query().apply("delivered")) || "true".equals(r.query().apply("delivered")), limit(r.query().apply("limit")))))),
                new AdminRoute("PUT", "/__admin/corps/{corpid}/apps/{agentid}/allow-scope", r -> {
                    AllowScope scope = AllowScope.parse(r.body());
                    long agentid = optionalLong(r.pathParam().apply("agentid"), "agentid");
                    return notices.setAllowScope(r.pathParam().apply("corpid"), agentid, scope)
                            ? new Response(200, scopeJson(scope)) : new Response(404, Map.of("error", "no such app"));
                }),
                new AdminRoute("GET", "/__admin/corps/{corpid}/apps/{agentid}/allow-scope", r -> notices.allowScope(
                                r.pathParam().apply("corpid"), optionalLong(r.pathParam().apply("agentid"), "agentid"))
                        .map(s -> new Response(200, scopeJson(s)))
                        .orElseGet(() -> new Response(404, Map.of("error", "no such app")))));
    }

    private static Map<String, Object> scopeJson(AllowScope s) {
        return Map.of("departments", s.departments(), "students", s.students());
    }

    private static Long optionalLong(String v, String name) {
        if (v == null || v.isEmpty()) return null;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
    }

    /** ISO-8601 UTC ({@code 2026-12-01T10:00:00Z}) or epoch milliseconds. */
    private static Long since(String v) {
        if (v == null || v.isEmpty()) return null;
        if (v.matches("[0-9]{1,18}")) return Long.parseLong(v);
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must be an ISO-8601 time or epoch milliseconds");
        }
    }

    private static int limit(String v) {
        if (v == null || v.isEmpty()) return DEFAULT_LIMIT;
        Long n = optionalLong(v, "limit");
        if (n < 1 || n > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT);
        return n.intValue();
    }
}
