package org.schoolcontacts.tokens;

import org.schoolcontacts.storage.Dialect;

class TokenStoreContractSqliteTest extends TokenStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
