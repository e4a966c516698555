package org.schoolcontacts.notices;

import org.schoolcontacts.storage.Dialect;

class NoticeStoreContractSqliteTest extends NoticeStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
