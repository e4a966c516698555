package org.schoolcontacts.parents;

import org.schoolcontacts.storage.Dialect;

class ParentStoreContractMariaDbTest extends ParentStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
