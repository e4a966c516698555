package org.schoolcontacts.tokens;

import org.schoolcontacts.storage.Dialect;

class TokenStoreContractPostgresTest extends TokenStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
