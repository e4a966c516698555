package org.schoolcontacts.storage;

class RevisionTwoUpgradeContractSqliteTest extends RevisionTwoUpgradeContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
