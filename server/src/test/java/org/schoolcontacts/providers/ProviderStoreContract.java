package org.schoolcontacts.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.corps.SchoolPermission;
import org.schoolcontacts.events.Outbox;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.StoreContract;
import org.schoolcontacts.tokens.Tokens;

/** What the store holds for provider apps, on every database (spec events-and-apps 2). */
abstract class ProviderStoreContract extends StoreContract {
    private String providerId;
    private String suiteId;
    private String agencyId;
    private Providers providers;

    @BeforeEach
    void provider() {
        String n = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        providerId = "wwprov" + n;
        suiteId = "wwsuite" + n;
        agencyId = "dktpl" + n;
        ProviderSpec.Suite suite = new ProviderSpec.Suite(suiteId, SuiteKind.THIRD_PARTY, "Homework", "suite-secret", "Tok1",
                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "http://127.0.0.1:9/none", SchoolPermission.EDIT, false, true, false, null);
        ProviderSpec.Suite agency = new ProviderSpec.Suite(agencyId, SuiteKind.AGENCY, "CRM", "tpl-secret", "Tok2",
                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null, SchoolPermission.READ, false, true, true, null);
        db.writeServer(tx -> {
            ProviderStore.insertProvider(tx, new ProviderSpec(providerId, "Vendor", "provider-secret", List.of(suite, agency), List.of()));
            return null;
        });
        providers = new Providers(db, clock, services.tokens(), new Outbox(clock));
    }

    private List<String> pushes(String stream) {
        return db.read(tx -> tx.query("SELECT change_type, stream_seq FROM event_deliveries WHERE stream_key = ? ORDER BY stream_seq",
                rs -> rs.getString(1) + " " + rs.getLong(2), stream));
    }

    @Test
    void ticketsOfTwoProcessesAreNumberedWithoutGapsOrTiesOnTheSuitesStream() throws Exception {
        try (Database second = Database.open(storeFor(dialect(), tempDir()))) {
            Providers other = new Providers(second, clock, new Tokens(second, clock), new Outbox(clock));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<String>> pushes = new java.util.ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    Providers p = i % 2 == 0 ? providers : other;
                    pushes.add(() -> p.pushTicket(suiteId));
                }
                for (Future<String> f : pool.invokeAll(pushes)) f.get();
            } finally {
                pool.shutdownNow();
            }
        }
        List<String> log = pushes("suite:" + suiteId);
        assertThat(log).hasSize(12);
        for (int i = 0; i < 12; i++) assertThat(log.get(i)).isEqualTo("suite_ticket " + (i + 1));
        // a suite without an instruction URL gets its tickets issued, not pushed
        providers.pushTicket(agencyId);
        assertThat(pushes("suite:" + agencyId)).isEmpty();
    }

    @Test
    void anAuthNoticeTakesTheSchoolsSequenceAndVanishesWithARolledBackInstall() {
        install(suiteId);
        providers.changeAuth(suiteId, corpId, SchoolPermission.READ);
        providers.cancelAuth(suiteId, corpId);
        List<String> log = pushes("suite:" + suiteId + ":" + corpId);
        assertThat(log).extracting(l -> l.split(" ")[0]).containsExactly("create_auth", "change_auth", "cancel_auth");
        assertThat(log).extracting(l -> Long.parseLong(l.split(" ")[1])).isSorted().doesNotHaveDuplicates();
        // a refused install (unknown corp) records nothing
        long before = db.read(tx -> tx.count("SELECT COUNT(*) FROM event_deliveries"));
        assertThat(errcodeOf(() -> providers.installWithPreAuthCode(suiteId, "no-such-code",
                new Providers.InstallRequest(corpId, null, null, null, null)))).isEqualTo(40077);
        long after = db.read(tx -> tx.count("SELECT COUNT(*) FROM event_deliveries"));
        assertThat(after).isEqualTo(before);
    }

    private String suiteToken(String id, String secret) {
        return providers.suiteToken(id, secret, providers.pushTicket(id)).accessToken();
    }

    private String install(String id) {
        return providers.install(id, new Providers.InstallRequest(corpId, null, null, null, null)).authCode();
    }

    @Test
    void aTicketIsAcceptedWhileAmongTheNewestThreeAndUnderThirtyMinutes() {
        String first = providers.pushTicket(suiteId);
        providers.pushTicket(suiteId);
        providers.pushTicket(suiteId);
        assertThat(errcodeOf(() -> providers.suiteToken(suiteId, "suite-secret", first))).isZero();
        providers.pushTicket(suiteId);
        assertThat(errcodeOf(() -> providers.suiteToken(suiteId, "suite-secret", first))).isEqualTo(40085);
        String newest = providers.pushTicket(suiteId);
        moveClock(30 * 60_000L + 1_000L); // past 30 min even for tickets issued a few ms ahead to keep their order
        assertThat(errcodeOf(() -> providers.suiteToken(suiteId, "suite-secret", newest))).isEqualTo(40085);
    }

    @Test
    void suiteTokensAreReusedAndSeenByASecondProcess() throws Exception {
        String token = suiteToken(suiteId, "suite-secret");
        assertThat(suiteToken(suiteId, "suite-secret")).isEqualTo(token);
        try (Database second = Database.open(storeFor(dialect(), tempDir()))) {
            Providers other = new Providers(second, clock, new Tokens(second, clock));
            assertThat(other.authenticateSuite(token)).isEqualTo(suiteId);
            moveClock(7200_000L);
            assertThat(errcodeOf(() -> other.authenticateSuite(token))).isEqualTo(42009);
        }
    }

    @Test
    void anAuthCodeIsExchangedExactlyOnceUnderConcurrency() throws Exception {
        String token = suiteToken(suiteId, "suite-secret");
        String code = install(suiteId);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Integer> exchange = () -> errcodeOf(() -> providers.permanentCode(token, code, false));
            List<Future<Integer>> results = pool.invokeAll(List.of(exchange, exchange, exchange, exchange));
            int ok = 0;
            int refused = 0;
            for (Future<Integer> f : results) {
                if (f.get() == 0) ok++;
                else if (f.get() == 40078) refused++;
            }
            assertThat(ok).isEqualTo(1);
            assertThat(refused).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneProcessWinsEachTicketSlot() throws Exception {
        try (Database second = Database.open(storeFor(dialect(), tempDir()))) {
            Providers other = new Providers(second, clock, new Tokens(second, clock));
            providers.pushDueTickets();
            other.pushDueTickets();
            providers.pushDueTickets();
            assertThat(providers.tickets(suiteId)).hasSize(1);
            moveClock(10 * 60_000L);
            other.pushDueTickets();
            providers.pushDueTickets();
            assertThat(providers.tickets(suiteId)).hasSize(2);
            // a suite without a callback gets tickets only on demand
            assertThat(providers.tickets(agencyId)).isEmpty();
        }
    }

    @Test
    void aCorpTokenOfACancelledAuthorisationIs48004AndItsCodeIs40084() {
        String token = suiteToken(suiteId, "suite-secret");
        String pc = providers.permanentCode(token, install(suiteId), false).get("permanent_code").asText();
        String corpToken = providers.corpToken(token, corpId, pc).accessToken();
        assertThat(services.tokens().authenticate(corpToken).permission()).isEqualTo(SchoolPermission.EDIT);
        providers.cancelAuth(suiteId, corpId);
        assertThat(errcodeOf(() -> services.tokens().authenticate(corpToken))).isEqualTo(48004);
        assertThat(errcodeOf(() -> providers.corpToken(token, corpId, pc))).isEqualTo(40084);
    }

    @Test
    void anAgencyPermanentCodeIsTheAppsSecretUntilTheCancel() {
        String token = suiteToken(agencyId, "tpl-secret");
        String pc = providers.permanentCode(token, install(agencyId), false).get("permanent_code").asText();
        Tokens.Issued t = services.tokens().issue(corpId, pc);
        assertThat(services.tokens().authenticate(t.accessToken()).permission()).isEqualTo(SchoolPermission.READ);
        providers.cancelAuth(agencyId, corpId);
        assertThat(errcodeOf(() -> services.tokens().issue(corpId, pc))).isEqualTo(40001);
    }

    @Test
    void aReinstallAfterACancelKeepsTheAgentidAndMintsANewCode() {
        String token = suiteToken(suiteId, "suite-secret");
        var first = providers.permanentCode(token, install(suiteId), false);
        providers.cancelAuth(suiteId, corpId);
        var second = providers.permanentCode(token, install(suiteId), false);
        assertThat(second.at("/auth_info/agent/0/agentid").asLong()).isEqualTo(first.at("/auth_info/agent/0/agentid").asLong())
                .isEqualTo(1000003L);
        assertThat(second.get("permanent_code").asText()).isNotEqualTo(first.get("permanent_code").asText());
        assertThat(providers.authorisations(suiteId)).singleElement().satisfies(a -> assertThat(a.active()).isTrue());
    }

    @Test
    void aPreAuthCodeIsConsumedByExactlyOneInstall() {
        String token = suiteToken(suiteId, "suite-secret");
        String code = providers.preAuthCode(token).accessToken();
        var request = new Providers.InstallRequest(corpId, "s", null, null, null);
        assertThat(errcodeOf(() -> providers.installWithPreAuthCode(suiteId, code, request))).isZero();
        assertThat(errcodeOf(() -> providers.installWithPreAuthCode(suiteId, code, request))).isEqualTo(40077);
    }
}
