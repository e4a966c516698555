package org.schoolcontacts.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.schoolcontacts.admin.SeedSection;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.events.SuiteNoticeRecorder;
import org.schoolcontacts.http.AdminRoute;
import org.schoolcontacts.http.EndpointFamily;
import org.schoolcontacts.http.PageRoute;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.tokens.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider apps as one feature behind a narrow interface: the {@code /cgi-bin/service/*} endpoints, the
 * admin routes, the emulated install and OAuth pages, the seed's {@code providers} section (and the
 * apps' {@code trusted_domains}), the ticket clock and the credentials printout. The server wires these
 * and knows nothing else of suites; tickets and auth notices leave through the events outbox.
 */
public final class ProviderApps implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderApps.class);
    /** How often the ticket clock looks at the server clock (real time); pushes follow the server clock's 10-minute slots. */
    private static final long TICK_MILLIS = 1000;

    private final Providers providers;
    private ScheduledExecutorService ticker;

    public ProviderApps(Providers providers) {
        this.providers = providers;
    }

    /**
     * The domain service of one server over its store and clock; its tickets and auth notices are
     * recorded into {@code notices} (the events outbox), which delivers them.
     */
    public static Providers service(Database db, ServerClock clock, Tokens tokens, SuiteNoticeRecorder notices) {
        return new Providers(db, clock, tokens, notices);
    }

    /** The {@code /cgi-bin/service/*} endpoints (the route table lists them). */
    public static EndpointFamily endpoints(Providers providers) {
        EndpointFamily service = new ServiceEndpoints(providers);
        EndpointFamily oauth = new OAuthEndpoints(new OAuth(providers));
        return routes -> {
            service.register(routes);
            oauth.register(routes);
        };
    }

    /**
     * What {@code --print-credentials} prints of providers (spec 5.1): each provider's secret, each
     * suite's secret, token and key, and each active install's agentid and permanent code.
     */
    public List<String> credentials() {
        List<String> out = new java.util.ArrayList<>();
        List<ProviderStore.SuiteRow> suites = providers.suites();
        String secrets = "SELECT provider_corp_id, provider_secret FROM providers";
        java.util.Map<String, String> providerSecrets = new java.util.HashMap<>();
        providers.db().read(tx -> tx.query(secrets, rs -> providerSecrets.put(rs.getString(1), rs.getString(2))));
        for (ProviderStore.ProviderRow p : providers.providers()) {
            out.add("provider " + p.corpId() + " (" + p.name() + ") provider_secret=" + providerSecrets.get(p.corpId()));
            for (ProviderStore.SuiteRow s : suites) {
                if (!s.providerCorpId().equals(p.corpId())) continue;
                ProviderSpec.Suite x = s.suite();
                out.add("  suite_id=" + x.suiteId() + " kind=" + x.kind().wireName() + " permission=" + x.permission().wireName()
                        + " suite_secret=" + x.suiteSecret() + " token=" + x.token() + " encoding_aes_key=" + x.encodingAesKey()
                        + (x.callbackUrl() == null ? "" : " callback_url=" + x.callbackUrl()));
                for (ProviderStore.Authorisation a : providers.authorisations(s.id())) {
                    if (!a.active()) continue;
                    out.add("    install corpid=" + a.corpId() + " agentid=" + a.agentid() + " permanent_code=" + a.permanentCode());
                }
            }
        }
        return out;
    }

    /** WeCom's install page and OAuth page, emulated (HTML; open like WeCom's own). */
    public List<PageRoute> pages() { return new ProviderPages(providers).routes(); }

    /** Seed step for {@code apps[]}: the app's {@code trusted_domains}. */
    public static void seedApp(Tx tx, JsonNode app) throws SQLException { OAuth.seedApp(tx, app); }

    public List<AdminRoute> adminRoutes() { return new ProviderAdmin(providers).routes(); }

    public SeedSection seedSection() { return new ProviderSeed(providers); }

    /** Starts pushing suite tickets: now for suites whose current slot has none, then at every 10-minute slot. */
    public synchronized void startTicketClock() {
        if (ticker != null) return;
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "suite-tickets");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                providers.pushDueTickets();
            } catch (RuntimeException e) {
                LOG.warn("suite ticket push failed: {}", e.toString());
            }
        }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticker = null;
        }
    }
}
