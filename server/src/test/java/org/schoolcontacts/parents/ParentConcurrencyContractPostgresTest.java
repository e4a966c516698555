package org.schoolcontacts.parents;

import org.schoolcontacts.storage.Dialect;

class ParentConcurrencyContractPostgresTest extends ParentConcurrencyContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
