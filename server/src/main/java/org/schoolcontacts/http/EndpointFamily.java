package org.schoolcontacts.http;

/** A family of school endpoints (departments, students, parents, reads) that registers its own routes. */
public interface EndpointFamily {
    void register(Routes routes);
}
