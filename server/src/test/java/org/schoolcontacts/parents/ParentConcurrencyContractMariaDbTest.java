package org.schoolcontacts.parents;

import org.schoolcontacts.storage.Dialect;

class ParentConcurrencyContractMariaDbTest extends ParentConcurrencyContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
