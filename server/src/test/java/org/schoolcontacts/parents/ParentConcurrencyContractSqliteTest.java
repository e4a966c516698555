package org.schoolcontacts.parents;

import org.schoolcontacts.storage.Dialect;

class ParentConcurrencyContractSqliteTest extends ParentConcurrencyContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
