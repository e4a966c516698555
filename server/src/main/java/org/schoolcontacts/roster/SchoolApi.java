package org.schoolcontacts.roster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.schoolcontacts.RouteTable;
import org.schoolcontacts.Services;
import org.schoolcontacts.corps.AppKind;
import org.schoolcontacts.corps.Caller;
import org.schoolcontacts.corps.SchoolPermission;
import org.schoolcontacts.http.Reply;
import org.schoolcontacts.http.Route;
import org.schoolcontacts.http.SchoolCall;

/**
 * The school endpoints called in-process, without HTTP or a token: the very handlers of the route
 * table (request-level checks, then the domain services), as the school's own editing app. So an
 * import obeys exactly the rules an API client meets — whatever they are in this build — and whatever
 * the domain does on a write (change events, once they exist) happens for imported rows too.
 */
final class SchoolApi {
    private final Map<String, Route> routes = new HashMap<>();
    private final Caller caller;

    SchoolApi(Services services, String corpId) {
        List<Route> all = RouteTable.routes(services);
        for (Route r : all) routes.put(r.path(), r);
        // an app with edit permission that may see mobiles: the school's own contacts-sync app
        this.caller = new Caller(corpId, "roster-import", null, AppKind.SELF_BUILT, SchoolPermission.EDIT, true, false);
    }

    /** Calls {@code /cgi-bin/school/<path>}; a refusal of the whole request is thrown as the API's WeComException. */
    Reply call(String path, JsonNode body) {
        Route route = routes.get("/cgi-bin/school/" + path);
        if (route == null) throw new IllegalStateException("no school endpoint " + path);
        caller.require(route.access());
        return route.handler().handle(new SchoolCall(caller, name -> null, body));
    }
}
