package org.schoolcontacts.parents;

import org.schoolcontacts.storage.Dialect;

class ParentStoreContractPostgresTest extends ParentStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
