package org.schoolcontacts.notices;

import org.schoolcontacts.storage.Dialect;

class NoticeStoreContractPostgresTest extends NoticeStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
