package org.schoolcontacts.providers;

/**
 * The notices a suite's instruction URL receives (spec 1.3): suite_ticket, create_auth, change_auth,
 * cancel_auth. An implementation encrypts and delivers them; the provider chain only says what happened,
 * after its transaction committed.
 */
interface SuiteNotices {
    void suiteTicket(ProviderStore.SuiteRow suite, String ticket, long nowMillis);

    void createAuth(ProviderStore.SuiteRow suite, Providers.Installed installed);

    void changeAuth(ProviderStore.SuiteRow suite, ProviderStore.Authorisation authorisation);

    void cancelAuth(ProviderStore.SuiteRow suite, ProviderStore.Authorisation authorisation);

    /** Issues nothing anywhere: tickets and codes exist in the store and the admin API only. */
    SuiteNotices NONE = new SuiteNotices() {
        @Override public void suiteTicket(ProviderStore.SuiteRow suite, String ticket, long nowMillis) {}
        @Override public void createAuth(ProviderStore.SuiteRow suite, Providers.Installed installed) {}
        @Override public void changeAuth(ProviderStore.SuiteRow suite, ProviderStore.Authorisation authorisation) {}
        @Override public void cancelAuth(ProviderStore.SuiteRow suite, ProviderStore.Authorisation authorisation) {}
    };
}
