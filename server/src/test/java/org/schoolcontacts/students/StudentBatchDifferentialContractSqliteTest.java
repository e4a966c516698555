package org.schoolcontacts.students;

import org.schoolcontacts.storage.Dialect;

class StudentBatchDifferentialContractSqliteTest extends StudentBatchDifferentialContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
