package org.schoolcontacts.students;

import org.schoolcontacts.storage.Dialect;

class StudentConcurrencyContractSqliteTest extends StudentConcurrencyContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
