package org.schoolcontacts.students;

import org.schoolcontacts.storage.Dialect;

class StudentStoreContractMariaDbTest extends StudentStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
