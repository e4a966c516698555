package org.schoolcontacts.students;

import org.schoolcontacts.storage.Dialect;

class StudentConcurrencyContractPostgresTest extends StudentConcurrencyContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
