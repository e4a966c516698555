package org.schoolcontacts.storage;

class RevisionTwoUpgradeContractMariaDbTest extends RevisionTwoUpgradeContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
