package org.schoolcontacts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.schoolcontacts.admin.AdminEndpoints;
import org.schoolcontacts.admin.Faults;
import org.schoolcontacts.admin.RateLimits;
import org.schoolcontacts.admin.RequestJournal;
import org.schoolcontacts.admin.Reset;
import org.schoolcontacts.admin.SeedStep;
import org.schoolcontacts.admin.Seeder;
import org.schoolcontacts.admin.ServerSettings;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.console.Console;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.events.Events;
import org.schoolcontacts.events.Outbox;
import org.schoolcontacts.http.AdminRoute;
import org.schoolcontacts.http.HttpApi;
import org.schoolcontacts.providers.ProviderApps;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.ServerFolderLock;

/**
 * One running server: store, clock, domain services, seed and HTTP. {@link Main} starts it from the
 * command line; the JUnit 5 extension starts it in-process the same way.
 */
public final class SchoolContacts implements AutoCloseable {
    private final ServerConfig config;
    private final Database db;
    /** The embedded data folder, held while this server runs (null on PostgreSQL and MariaDB). */
    private final ServerFolderLock folder;
    private final ServerClock clock;
    private final Services services;
    private final Seeder seeder;
    private final HttpApi http;
    private final Events events;
    private final Reset reset;
    private final List<AdminRoute> adminRoutes;
    private final Console console;
    private final ProviderApps providerApps;
    private final int port;

    private SchoolContacts(ServerConfig config) {
        this.config = config;
        this.clock = ServerClock.system();
        this.folder = config.store().isEmbedded() ? ServerFolderLock.take(config.store().dataDir()) : null;
        try {
            this.db = Database.open(config.store());
        } catch (RuntimeException e) {
            if (folder != null) folder.close();
            throw e;
        }
        Events started = null;
        try {
            clock.setOffsetMillis(ServerSettings.loadClockOffset(db));
            Outbox outbox = new Outbox(clock);
            this.services = Services.over(db, clock, outbox);
            boolean demo = config.seed() == null;
            JsonNode seedDoc = demo ? Seeder.demo() : config.seed();
            LinkedHashMap<String, SeedStep> steps = new LinkedHashMap<>();
            this.events = started = new Events(db, clock, outbox, config.deliveryLogSize());
            steps.put("departments", services.departments()::seed);
            steps.put("students", services.students()::seed);
            steps.put("parents", services.parents()::seed);
            // apps last: their scopes name departments and students; each feature reads its own fields
            steps.put("apps", (tx, app) -> {
                services.notices().seedApp(tx, app);
                events.seedApp(tx, app);
                ProviderApps.seedApp(tx, app);
            });
            this.providerApps = new ProviderApps(services.providers());
            this.seeder = new Seeder(db, clock, steps, seedDoc, demo).with(providerApps.seedSection());
            seeder.apply();
            Faults faults = new Faults();
            RequestJournal journal = new RequestJournal(config.journalSize());
            RateLimits rateLimits = new RateLimits(clock);
            AdminEndpoints admin = new AdminEndpoints(db, clock, seeder, faults, journal, rateLimits, services.tokens());
            // POST /__admin/reset: a feature with a store of its own adds its part here, e.g.
            // admin.reset().register("notices", notices::clear); steps run before the seed is applied again.
            this.reset = admin.reset();
            List<AdminRoute> adminRoutes = new ArrayList<>(admin.routes());
            adminRoutes.addAll(new org.schoolcontacts.notices.NoticeAdminRoutes(services.notices()).routes());
            adminRoutes.addAll(providerApps.adminRoutes());
            adminRoutes.addAll(events.adminRoutes());
            this.adminRoutes = List.copyOf(adminRoutes);
            this.http = new HttpApi(RouteTable.routes(services), adminRoutes, services.tokens(), clock, faults, journal,
                    rateLimits, config.adminToken());
            this.console = new Console(services, faults, journal, config.adminToken()).withEventDeliveries(events.deliveries());
            http.addPages(console.routes());
            http.addPages(providerApps.pages());
            events.start();
            this.port = http.start(config.host(), config.port());
            providerApps.startTicketClock();
        } catch (RuntimeException e) {
            if (started != null) started.close();
            db.close();
            if (folder != null) folder.close();
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

    /** Every {@code /__admin} route this server answers (docs/admin.md lists them; a guard test checks). */
    public List<AdminRoute> adminRoutes() { return adminRoutes; }

    /** The reset {@code POST /__admin/reset} runs, with every part registered. */
    public Reset reset() { return reset; }

    public Services services() { return services; }

    public Database database() { return db; }

    /** Provider apps: the ticket clock, pages and the providers' credentials for the printout. */
    public ProviderApps providerApps() { return providerApps; }

    /** Change events: the delivery threads and their test-time settings. */
    public Events events() { return events; }

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
            try {
                events.close();
            } finally {
                db.close();
                if (folder != null) folder.close();
            }
        }
    }
}
