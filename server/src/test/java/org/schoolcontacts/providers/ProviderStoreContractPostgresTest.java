package org.schoolcontacts.providers;

import org.schoolcontacts.storage.Dialect;

class ProviderStoreContractPostgresTest extends ProviderStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
