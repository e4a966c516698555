package org.schoolcontacts;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.schoolcontacts.admin.RequestJournal;
import org.schoolcontacts.events.Events;
import org.schoolcontacts.storage.StoreConfig;

/**
 * The server's settings (running.md), validated once and immutable afterwards.
 *
 * @param seed the parsed seed document, or null for the built-in demo school
 */
public record ServerConfig(String host, int port, StoreConfig store, JsonNode seed, boolean printCredentials,
                           String adminToken, int journalSize, int deliveryLogSize) {

    public ServerConfig(String host, int port, StoreConfig store, JsonNode seed, boolean printCredentials, String adminToken) {
        this(host, port, store, seed, printCredentials, adminToken, RequestJournal.CAPACITY);
    }

    public ServerConfig(String host, int port, StoreConfig store, JsonNode seed, boolean printCredentials, String adminToken, int journalSize) {
        this(host, port, store, seed, printCredentials, adminToken, journalSize, Events.DELIVERY_LOG_SIZE);
    }

    public ServerConfig {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("--host must not be empty");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0-65535, got " + port);
        if (store == null) throw new IllegalArgumentException("a store is required");
        if (adminToken != null && adminToken.isBlank()) adminToken = null;
        if (journalSize < 0 || journalSize > RequestJournal.MAX_CAPACITY) {
            throw new IllegalArgumentException("--journal-size must be 0-" + RequestJournal.MAX_CAPACITY + ", got " + journalSize);
        }
        if (deliveryLogSize < 0 || deliveryLogSize > Events.MAX_DELIVERY_LOG_SIZE) {
            throw new IllegalArgumentException("--delivery-log-size must be 0-" + Events.MAX_DELIVERY_LOG_SIZE + ", got " + deliveryLogSize);
        }
    }

    /** The defaults of running.md with the embedded store in {@code dataDir} and a free port. */
    public static ServerConfig embeddedOnFreePort(Path dataDir) {
        return new ServerConfig("127.0.0.1", 0, StoreConfig.embedded(dataDir), null, false, null);
    }

    public ServerConfig withSeed(JsonNode seedDocument) {
        return new ServerConfig(host, port, store, seedDocument, printCredentials, adminToken, journalSize, deliveryLogSize);
    }

    public ServerConfig withStore(StoreConfig s) {
        return new ServerConfig(host, port, s, seed, printCredentials, adminToken, journalSize, deliveryLogSize);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, store, seed, printCredentials, adminToken, journalSize, deliveryLogSize);
    }

    public ServerConfig withJournalSize(int size) {
        return new ServerConfig(host, port, store, seed, printCredentials, adminToken, size, deliveryLogSize);
    }

    /** How many finished deliveries the delivery log keeps (the newest; pending ones are never dropped). */
    public ServerConfig withDeliveryLogSize(int size) {
        return new ServerConfig(host, port, store, seed, printCredentials, adminToken, journalSize, size);
    }

    public ServerConfig withAdminToken(String token) {
        return new ServerConfig(host, port, store, seed, printCredentials, token, journalSize, deliveryLogSize);
    }
}
