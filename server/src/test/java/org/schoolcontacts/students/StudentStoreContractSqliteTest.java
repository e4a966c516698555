package org.schoolcontacts.students;

import org.schoolcontacts.storage.Dialect;

class StudentStoreContractSqliteTest extends StudentStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
