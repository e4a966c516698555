package org.schoolcontacts.parents;

import org.schoolcontacts.storage.Dialect;

class ParentStoreContractSqliteTest extends ParentStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
