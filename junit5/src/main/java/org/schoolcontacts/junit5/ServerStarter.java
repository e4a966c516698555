package org.schoolcontacts.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.schoolcontacts.SchoolContacts;
import org.schoolcontacts.ServerConfig;
import org.schoolcontacts.admin.Seeder;
import org.schoolcontacts.storage.StoreConfig;

/**
 * Starts one server the way {@link SchoolContactsServer} describes. Every server gets a port the OS
 * picks and a temporary folder of its own, so servers started by concurrent tests never share a file or
 * a port; the folder goes with the server.
 */
final class ServerStarter {
    static final String FOLDER_PREFIX = "school-contacts-test-";

    private ServerStarter() {}

    static SchoolContactsHandle start(SchoolContactsServer a) {
        return a == null ? start("", "", "", "", "") : start(a.seed(), a.dbUrl(), a.dbUser(), a.dbPassword(), a.adminToken());
    }

    static SchoolContactsHandle start(String seed, String dbUrl, String dbUser, String dbPassword, String adminToken) {
        Path folder;
        try {
            folder = Files.createTempDirectory(FOLDER_PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the test server", e);
        }
        try {
            StoreConfig store = dbUrl.isEmpty() ? StoreConfig.embedded(folder)
                    : StoreConfig.external(dbUrl, dbUser.isEmpty() ? null : dbUser, dbPassword.isEmpty() ? null : dbPassword);
            ServerConfig config = ServerConfig.embeddedOnFreePort(folder).withStore(store);
            if (!seed.isEmpty()) config = config.withSeed(loadSeed(seed));
            if (!adminToken.isEmpty()) config = config.withAdminToken(adminToken);
            SchoolContactsHandle handle = new SchoolContactsHandle(SchoolContacts.start(config), folder);
            // An external database may hold a previous run's data: start from the seed alone.
            if (!store.isEmbedded()) {
                try {
                    handle.reset();
                } catch (RuntimeException e) {
                    handle.close();
                    throw e;
                }
            }
            return handle;
        } catch (RuntimeException | Error e) {
            try {
                deleteTree(folder);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static JsonNode loadSeed(String seed) {
        String resource = seed.startsWith("/") ? seed.substring(1) : seed;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) loader = ServerStarter.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in != null) return Seeder.readText(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed resource " + seed, e);
        }
        Path file = Path.of(seed);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("seed \"" + seed + "\" is neither a classpath resource nor a file");
        }
        return Seeder.readFile(file);
    }

    /** Deletes the folder and everything in it; fails loudly if anything stays behind. */
    static void deleteTree(Path folder) {
        if (folder == null || !Files.exists(folder)) return;
        List<String> left = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    left.add(p + " (" + e + ")");
                }
            });
        } catch (IOException e) {
            left.add(folder + " (" + e + ")");
        }
        if (!left.isEmpty()) throw new UncheckedIOException(new IOException("test server files left behind: " + left));
    }
}
