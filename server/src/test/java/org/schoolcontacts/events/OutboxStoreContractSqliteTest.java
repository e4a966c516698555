package org.schoolcontacts.events;

import org.schoolcontacts.storage.Dialect;

class OutboxStoreContractSqliteTest extends OutboxStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
