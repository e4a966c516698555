package org.schoolcontacts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.schoolcontacts.admin.AdminEndpoints;
import org.schoolcontacts.admin.Faults;
import org.schoolcontacts.admin.RateLimits;
import org.schoolcontacts.admin.RequestJournal;
import org.schoolcontacts.admin.SeedStep;
import org.schoolcontacts.admin.Seeder;
import org.schoolcontacts.admin.ServerSettings;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.http.AdminRoute;
import org.schoolcontacts.http.HttpApi;
import org.schoolcontacts.providers.ProviderApps;
import org.schoolcontacts.storage.Database;

/**
 * One running server: store, clock, domain services, seed and HTTP. {@link Main} starts it from the
 * command line; the JUnit 5 extension starts it in-process the same way.
 */
public final class SchoolContacts implements AutoCloseable {
    static {
        LoggingDefaults.apply();
    }

    private final ServerConfig config;
    private final Database db;
    private final ServerClock clock;
    private final Services services;
    private final Seeder seeder;
    private final HttpApi http;
    private final ProviderApps providerApps;
    private final int port;

    private SchoolContacts(ServerConfig config) {
        this.config = config;
        this.clock = ServerClock.system();
        this.db = Database.open(config.store());
        try {
            clock.setOffsetMillis(ServerSettings.loadClockOffset(db));
            this.services = Services.over(db, clock);
            boolean demo = config.seed() == null;
            JsonNode seedDoc = demo ? Seeder.demo() : config.seed();
            LinkedHashMap<String, SeedStep> steps = new LinkedHashMap<>();
            steps.put("departments", services.departments()::seed);
            steps.put("students", services.students()::seed);
            steps.put("parents", services.parents()::seed);
            steps.put("apps", services.notices()::seedApp);
            this.providerApps = new ProviderApps(services.providers());
            this.seeder = new Seeder(db, clock, steps, seedDoc, demo).with(providerApps.seedSection());
            seeder.apply();
            Faults faults = new Faults();
            RequestJournal journal = new RequestJournal(config.journalSize());
            RateLimits rateLimits = new RateLimits(clock);
            AdminEndpoints admin = new AdminEndpoints(db, clock, seeder, faults, journal, rateLimits, services.tokens());
            List<AdminRoute> adminRoutes = new ArrayList<>(admin.routes());
            adminRoutes.addAll(new org.schoolcontacts.notices.NoticeAdminRoutes(services.notices()).routes());
            adminRoutes.addAll(providerApps.adminRoutes());
            this.http = new HttpApi(RouteTable.routes(services), adminRoutes, services.tokens(), clock, faults, journal,
                    rateLimits, config.adminToken());
            this.port = http.start(config.host(), config.port());
            providerApps.startTicketClock();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Opens the store, migrates it, applies the seed to new corps and starts answering. */
    public static SchoolContacts start(ServerConfig config) {
        return new SchoolContacts(config);
    }

    public int port() { return port; }

    public String baseUrl() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The readiness line's URL: the host as bound (IPv6 in brackets) and the port. */
    public String listeningUrl() {
        String host = config.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public ServerClock clock() { return clock; }

    public Services services() { return services; }

    public Database database() { return db; }

    /** The corps and apps of the seed in use (for credential printouts and test handles). */
    public List<CorpSpec> seededCorps() { return seeder.corps(); }

    public boolean usesDemoSchool() { return seeder.isDemo(); }

    /** The admin token in force, or null (admin then answers loopback clients only). */
    public String adminToken() { return config.adminToken(); }

    @Override
    public void close() {
        try {
            providerApps.close();
            http.stop();
        } finally {
            db.close();
        }
    }
}
