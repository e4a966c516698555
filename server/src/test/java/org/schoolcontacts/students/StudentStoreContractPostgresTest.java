package org.schoolcontacts.students;

import org.schoolcontacts.storage.Dialect;

class StudentStoreContractPostgresTest extends StudentStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
