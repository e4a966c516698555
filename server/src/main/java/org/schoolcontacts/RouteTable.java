package org.schoolcontacts;

import java.util.ArrayList;
import java.util.List;
import org.schoolcontacts.departments.DepartmentEndpoints;
import org.schoolcontacts.http.EndpointFamily;
import org.schoolcontacts.http.Route;
import org.schoolcontacts.http.Routes;
import org.schoolcontacts.notices.NoticeEndpoints;
import org.schoolcontacts.parents.ParentEndpoints;
import org.schoolcontacts.parents.ReadEndpoints;
import org.schoolcontacts.providers.ProviderApps;
import org.schoolcontacts.students.StudentEndpoints;

/**
 * The whole WeCom surface in one screen: every endpoint family, in the order of the spec's index
 * (section 4). {@code /cgi-bin/gettoken} is served by the transport itself. A guard test keeps README's
 * endpoint list equal to this table.
 */
public final class RouteTable {
    private RouteTable() {}

    static List<EndpointFamily> families(Services s) {
        return List.of(
                new DepartmentEndpoints(s.departments()),
                new StudentEndpoints(s.students()),
                new ParentEndpoints(s.parents()),
                new ReadEndpoints(s.reads()),
                new NoticeEndpoints(s.notices()),
                ProviderApps.endpoints(s.providers()));
    }

    public static List<Route> routes(Services s) {
        Routes routes = new Routes();
        for (EndpointFamily f : families(s)) f.register(routes);
        return new ArrayList<>(routes.all());
    }
}
