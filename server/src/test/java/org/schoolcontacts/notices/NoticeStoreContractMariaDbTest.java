package org.schoolcontacts.notices;

import org.schoolcontacts.storage.Dialect;

class NoticeStoreContractMariaDbTest extends NoticeStoreContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
