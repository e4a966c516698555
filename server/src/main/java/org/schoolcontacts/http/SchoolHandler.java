package org.schoolcontacts.http;

/** A school endpoint: gets an authenticated, permitted call and returns its reply. */
@FunctionalInterface
public interface SchoolHandler {
    Reply handle(SchoolCall call);
}
