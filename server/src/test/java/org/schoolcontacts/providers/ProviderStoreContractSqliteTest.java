package org.schoolcontacts.providers;

import org.schoolcontacts.storage.Dialect;

class ProviderStoreContractSqliteTest extends ProviderStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
