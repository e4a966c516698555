package org.schoolcontacts.storage;

class ReadCacheContractMariaDbTest extends ReadCacheContract {
    @Override
    protected Dialect dialect() { return Dialect.MARIADB; }
}
