package org.schoolcontacts.departments;

import org.schoolcontacts.storage.Dialect;

class DepartmentStoreContractPostgresTest extends DepartmentStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
