package org.schoolcontacts.parents;

import org.schoolcontacts.http.EndpointFamily;
import org.schoolcontacts.http.Routes;

/** PLACEHOLDER: replaced by the feature's real endpoints. */
public final class ParentEndpoints implements EndpointFamily {
    private final Parents service;

    public ParentEndpoints(Parents service) { this.service = service; }

    @Override
    public void register(Routes routes) {
    }
}
