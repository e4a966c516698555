package org.schoolcontacts.tokens;

import org.schoolcontacts.storage.Dialect;

class TokenStoreContractMariaDbTest extends TokenStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
