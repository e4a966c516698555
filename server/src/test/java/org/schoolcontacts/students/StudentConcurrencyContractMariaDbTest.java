package org.schoolcontacts.students;

import org.schoolcontacts.storage.Dialect;

class StudentConcurrencyContractMariaDbTest extends StudentConcurrencyContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
