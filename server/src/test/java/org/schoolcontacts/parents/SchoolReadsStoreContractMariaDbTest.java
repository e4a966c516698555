package org.schoolcontacts.parents;

import org.schoolcontacts.storage.Dialect;

class SchoolReadsStoreContractMariaDbTest extends SchoolReadsStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
