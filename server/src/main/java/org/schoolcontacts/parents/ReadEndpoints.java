package org.schoolcontacts.parents;

import org.schoolcontacts.corps.Access;
import org.schoolcontacts.http.EndpointFamily;
import org.schoolcontacts.http.Reply;
import org.schoolcontacts.http.Routes;

/** school/user/get, list and list_parent: spec 6.13-6.15, open to any school permission (spec 3.2). */
public final class ReadEndpoints implements EndpointFamily {
    private static final String BASE = "/cgi-bin/school/user/";

    private final SchoolReads service;

    public ReadEndpoints(SchoolReads service) { this.service = service; }

    @Override
    public void register(Routes routes) {
        // the user is read in the token check's statement: one round trip for both (issue 15)
        routes.get(BASE + "get", Access.READ, call -> Reply.ok(ReadJson.user(
                service.get(call.corpId(), call.query("userid"), call.caller().maySeeParentMobiles()))));
        routes.get(BASE + "list", Access.READ, call -> Reply.ok(ReadJson.students(
                service.list(call.corpId(), call.query("department_id"), call.query("fetch_child"),
                        call.caller().maySeeParentMobiles()))));
        routes.get(BASE + "list_parent", Access.READ, call -> Reply.ok(ReadJson.parents(
                service.listParents(call.corpId(), call.query("department_id"), call.caller().maySeeParentMobiles()))));
    }
}
