package org.schoolcontacts.storage;

class RevisionTwoUpgradeContractPostgresTest extends RevisionTwoUpgradeContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
