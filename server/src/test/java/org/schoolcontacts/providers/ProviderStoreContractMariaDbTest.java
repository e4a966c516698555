package org.schoolcontacts.providers;

import org.schoolcontacts.storage.Dialect;

class ProviderStoreContractMariaDbTest extends ProviderStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
