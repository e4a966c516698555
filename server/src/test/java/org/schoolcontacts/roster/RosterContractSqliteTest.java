package org.schoolcontacts.roster;

import org.schoolcontacts.storage.Dialect;

class RosterContractSqliteTest extends RosterContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
