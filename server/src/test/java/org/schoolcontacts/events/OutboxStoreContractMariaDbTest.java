package org.schoolcontacts.events;

import org.schoolcontacts.storage.Dialect;

class OutboxStoreContractMariaDbTest extends OutboxStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
