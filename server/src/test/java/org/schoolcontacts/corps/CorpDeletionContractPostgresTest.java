package org.schoolcontacts.corps;

import org.schoolcontacts.storage.Dialect;

class CorpDeletionContractPostgresTest extends CorpDeletionContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
