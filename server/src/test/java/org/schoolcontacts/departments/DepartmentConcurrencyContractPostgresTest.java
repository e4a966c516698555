package org.schoolcontacts.departments;

import org.schoolcontacts.storage.Dialect;

class DepartmentConcurrencyContractPostgresTest extends DepartmentConcurrencyContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
