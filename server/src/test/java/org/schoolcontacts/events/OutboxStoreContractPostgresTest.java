package org.schoolcontacts.events;

import org.schoolcontacts.storage.Dialect;

class OutboxStoreContractPostgresTest extends OutboxStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
