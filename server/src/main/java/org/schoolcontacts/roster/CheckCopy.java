package org.schoolcontacts.roster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.stream.Stream;
import org.schoolcontacts.Services;
import org.schoolcontacts.admin.SeedStep;
import org.schoolcontacts.admin.Seeder;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.StoreConfig;

/**
 * A private copy of one school in a temporary embedded store, where the import's check runs.
 *
 * <p>Why not check in the school's own store: the check must see the effect of every earlier good row
 * (a mobile two rows share, a parent whose children the rows before created, a class filling up), so
 * it needs all of them applied in one place at once. In the school's store that place is one long
 * rolled-back transaction, and on PostgreSQL such a transaction degrades quadratically: every parent
 * is an item under its own savepoint that updates the corp's row (the parent seat) and inserts a user
 * whose foreign key locks that same row, so each new subtransaction has to carry all earlier ones'
 * locks (measured: 2,000 such items 5 s, 8,000 items 59 s; 20,000 parents did not finish in 29 min).
 * Cutting the check into segments that are each rolled back would lose exactly that state, and
 * replaying the earlier segments in each one is quadratic again. A copy keeps the state, costs one
 * snapshot read and a seed of the school (about 1 s per 1,000 students; nothing for an empty school),
 * runs the very same handlers and domain code as the apply, and writes nothing into the school's store
 * — so a dry run changes nothing there, and the school is not locked while the check runs.
 *
 * <p>The copy is the school as {@link SeedExport} sees it (departments with their ids, students with
 * mobiles and classes, parents with children, the corp's apps with their kinds and verification), in
 * a store of its own that is deleted on {@link #close()}. Secrets are not copied (the check calls the
 * handlers in-process and needs none); no change event is delivered from it (no delivery loop runs).
 */
final class CheckCopy implements AutoCloseable {
    private final Path dir;
    private final Database db;
    private final Services services;

    private CheckCopy(Path dir, Database db, Services services) {
        this.dir = dir;
        this.db = db;
        this.services = services;
    }

    /** Copies {@code corpId} of {@code from} into a new temporary embedded store. */
    static CheckCopy of(Services from, String corpId) {
        ObjectNode seed = new SeedExport(from).seed(corpId);
        int n = 0;
        for (JsonNode app : seed.path("corps").get(0).path("apps")) ((ObjectNode) app).put("secret", String.format("check-copy-%05d", ++n));
        Path dir;
        try {
            dir = Files.createTempDirectory("school-contacts-import-check-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Database db = null;
        try {
            db = Database.open(StoreConfig.embedded(dir));
            Services services = Services.over(db, from.clock());
            LinkedHashMap<String, SeedStep> steps = new LinkedHashMap<>();
            steps.put("departments", services.departments()::seed);
            steps.put("students", services.students()::seed);
            steps.put("parents", services.parents()::seed);
            new Seeder(db, from.clock(), steps, seed, false).apply();
            return new CheckCopy(dir, db, services);
        } catch (RuntimeException e) {
            if (db != null) db.close();
            delete(dir);
            throw e;
        }
    }

    Services services() { return services; }

    @Override
    public void close() {
        db.close();
        delete(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
