package org.schoolcontacts.roster;

import org.schoolcontacts.storage.Dialect;

class RosterContractPostgresTest extends RosterContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
