package org.schoolcontacts.students;

import org.schoolcontacts.storage.Dialect;

class StudentBatchDifferentialContractPostgresTest extends StudentBatchDifferentialContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
