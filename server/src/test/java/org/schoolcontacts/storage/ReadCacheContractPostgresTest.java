package org.schoolcontacts.storage;

class ReadCacheContractPostgresTest extends ReadCacheContract {
    @Override
    protected Dialect dialect() { return Dialect.POSTGRESQL; }
}
