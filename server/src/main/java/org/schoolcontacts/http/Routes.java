package org.schoolcontacts.http;

import java.util.ArrayList;
import java.util.List;
import org.schoolcontacts.corps.Access;

/** Collects the routes an endpoint family registers. */
public final class Routes {
    private final List<Route> routes = new ArrayList<>();

    public Routes get(String path, Access access, SchoolHandler handler) {
        routes.add(new Route(Route.Method.GET, path, access, handler));
        return this;
    }

    public Routes post(String path, Access access, SchoolHandler handler) {
        routes.add(new Route(Route.Method.POST, path, access, handler));
        return this;
    }

    /**
     * A provider endpoint ({@code /cgi-bin/service/*}): no access_token check; the handler checks its own
     * credential (a suite_access_token, or the secrets in the body).
     */
    public Routes serviceGet(String path, SchoolHandler handler) {
        routes.add(new Route(Route.Method.GET, path, null, handler));
        return this;
    }

    /** As {@link #serviceGet}, for a provider endpoint that reads a JSON body. */
    public Routes servicePost(String path, SchoolHandler handler) {
        routes.add(new Route(Route.Method.POST, path, null, handler));
        return this;
    }

    public List<Route> all() { return List.copyOf(routes); }
}
