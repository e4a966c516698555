package org.schoolcontacts.departments;

import org.schoolcontacts.storage.Dialect;

class DepartmentStoreContractSqliteTest extends DepartmentStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
