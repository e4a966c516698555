package org.schoolcontacts.storage;

class ReadCacheContractSqliteTest extends ReadCacheContract {
    @Override
    protected Dialect dialect() { return Dialect.SQLITE; }
}
