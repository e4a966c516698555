package org.schoolcontacts.parents;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Tx;

/** PLACEHOLDER: replaced by the feature's real domain service. */
public final class Parents {
    private final Database db;
    private final ServerClock clock;

    public Parents(Database db, ServerClock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Applies one seed item with the create endpoint's rules. */
    public void seed(Tx tx, JsonNode item) throws SQLException {
        // placeholder
    }
}
