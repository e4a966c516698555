package org.schoolcontacts.parents;

import org.schoolcontacts.http.EndpointFamily;
import org.schoolcontacts.http.Routes;

/** PLACEHOLDER: replaced by the feature's real endpoints. */
public final class ReadEndpoints implements EndpointFamily {
    private final SchoolReads service;

    public ReadEndpoints(SchoolReads service) { this.service = service; }

    @Override
    public void register(Routes routes) {
    }
}
