package org.schoolcontacts.students;

import org.schoolcontacts.http.EndpointFamily;
import org.schoolcontacts.http.Routes;

/** PLACEHOLDER: replaced by the feature's real endpoints. */
public final class StudentEndpoints implements EndpointFamily {
    private final Students service;

    public StudentEndpoints(Students service) { this.service = service; }

    @Override
    public void register(Routes routes) {
    }
}
