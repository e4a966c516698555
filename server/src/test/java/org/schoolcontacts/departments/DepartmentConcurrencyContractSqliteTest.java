package org.schoolcontacts.departments;

import org.schoolcontacts.storage.Dialect;

class DepartmentConcurrencyContractSqliteTest extends DepartmentConcurrencyContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
