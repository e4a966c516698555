package org.schoolcontacts.events;

import java.util.Optional;

/**
 * Where a third-party suite's instruction URL is, with its token and key (receiveid = suite_id for
 * pushes). Supplied by the providers feature; without it no suite receives anything.
 */
@FunctionalInterface
public interface SuiteCallbacks {
    SuiteCallbacks NONE = suiteId -> Optional.empty();

    Optional<SuiteCallback> find(String suiteId);

    record SuiteCallback(String url, String token, String aesKey) {}
}
