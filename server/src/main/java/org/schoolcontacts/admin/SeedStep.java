package org.schoolcontacts.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import org.schoolcontacts.storage.Tx;

/**
 * Applies one seed item (a department, student or parent) with exactly the rules of the matching
 * create endpoint, inside the seeding transaction; a broken rule throws WeComException.
 */
@FunctionalInterface
public interface SeedStep {
    void apply(Tx tx, JsonNode item) throws SQLException;
}
