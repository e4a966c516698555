package org.schoolcontacts.parents;

import org.schoolcontacts.storage.Dialect;

class SchoolReadsStoreContractSqliteTest extends SchoolReadsStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
