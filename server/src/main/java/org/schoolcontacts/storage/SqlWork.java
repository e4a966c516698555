package org.schoolcontacts.storage;

import java.sql.SQLException;

/** A unit of work inside one transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Tx tx) throws SQLException;
}
