package org.schoolcontacts.roster;

import org.schoolcontacts.storage.Dialect;

class RosterContractMariaDbTest extends RosterContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
