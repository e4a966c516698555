package org.schoolcontacts.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.List;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.storage.Tx;

/**
 * A top-level part of the seed beside {@code corps} (e.g. {@code providers}), owned by a feature. The
 * seeder validates it at start, applies it after the corps in the same transaction and clears it on
 * reset, so a feature adds seed data without the seeder knowing its shape.
 */
public interface SeedSection {
    /** Checks the section against the validated corps; a {@link SeedException} names the bad item. */
    void validate(JsonNode seed, List<CorpSpec> corps);

    /** Applies the section; {@code createdCorps} are the corps this application created. */
    void apply(Tx tx, JsonNode seed, List<String> createdCorps) throws SQLException;

    /** Deletes what the section's feature holds, before the corps are deleted on reset. */
    void clear(Tx tx) throws SQLException;

    /** Runs after a reset committed (e.g. to push first suite tickets). */
    default void afterReset() {}
}
