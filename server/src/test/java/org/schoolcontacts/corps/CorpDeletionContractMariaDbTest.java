package org.schoolcontacts.corps;

import org.schoolcontacts.storage.Dialect;

class CorpDeletionContractMariaDbTest extends CorpDeletionContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
