package org.schoolcontacts.departments;

import org.schoolcontacts.http.EndpointFamily;
import org.schoolcontacts.http.Routes;

/** PLACEHOLDER: replaced by the feature's real endpoints. */
public final class DepartmentEndpoints implements EndpointFamily {
    private final Departments service;

    public DepartmentEndpoints(Departments service) { this.service = service; }

    @Override
    public void register(Routes routes) {
    }
}
