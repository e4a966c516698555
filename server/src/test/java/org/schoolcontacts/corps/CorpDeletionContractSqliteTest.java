package org.schoolcontacts.corps;

import org.schoolcontacts.storage.Dialect;

class CorpDeletionContractSqliteTest extends CorpDeletionContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
