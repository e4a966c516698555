package org.schoolcontacts.departments;

import org.schoolcontacts.storage.Dialect;

class DepartmentStoreContractMariaDbTest extends DepartmentStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
