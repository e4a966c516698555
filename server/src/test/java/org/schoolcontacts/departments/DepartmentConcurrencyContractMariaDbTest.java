package org.schoolcontacts.departments;

import org.schoolcontacts.storage.Dialect;

class DepartmentConcurrencyContractMariaDbTest extends DepartmentConcurrencyContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
