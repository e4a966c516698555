package org.schoolcontacts.parents;

import org.schoolcontacts.storage.Dialect;

class SchoolReadsStoreContractPostgresTest extends SchoolReadsStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
