package org.schoolcontacts.students;

import org.schoolcontacts.storage.Dialect;

class StudentBatchDifferentialContractMariaDbTest extends StudentBatchDifferentialContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
