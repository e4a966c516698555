package org.schoolcontacts.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Lets the SQLite driver load its native library from a per-user cache instead of unpacking it again at
 * every start.
 *
 * <p>Left alone, sqlite-jdbc finds its platform (starting a {@code uname} process on Linux), copies the
 * 1 MiB library out of the jar into the temporary folder under a new name, compares the copy with the jar
 * byte by byte and loads it: a fifth of the embedded store's start-up. The driver reads the folder to
 * load from out of {@code org.sqlite.lib.path}; this class unpacks the library once into
 * {@code $XDG_CACHE_HOME/school-contacts} (default {@code ~/.cache/school-contacts}), in a folder named
 * after the driver's version and the platform, written under a temporary name and then renamed, so a
 * process never sees half a file, and points the property there.
 *
 * <p>Nothing here is needed for correctness: when the property is already set, the cache cannot be
 * written, or the cached library does not load, the driver does what it does without this class.
 */
public final class SqliteNativeLibrary {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static volatile boolean prepared;

    private SqliteNativeLibrary() {}

    /** Points the driver at the cached library, unpacking it first when the cache lacks it; once per process. */
    public static void prepare() {
        if (prepared) return;
        synchronized (SqliteNativeLibrary.class) {
            if (prepared) return;
            prepared = true;
            if (System.getProperty(PATH_PROPERTY) != null) return;
            Path folder = cacheFolder(System.getenv(), System.getProperty("user.home"));
            if (folder == null) return;
            Path lib = ensureUnpacked(folder);
            if (lib != null) System.setProperty(PATH_PROPERTY, lib.getParent().toString());
        }
    }

    /** The folder for this driver version and platform, or null when there is no home to cache in. */
    static Path cacheFolder(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path root;
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) root = Path.of(xdg);
        else if (userHome != null && !userHome.isBlank() && !"?".equals(userHome)) root = Path.of(userHome, ".cache");
        else return null;
        String platform = (System.getProperty("os.name") + "-" + System.getProperty("os.arch")).replaceAll("[^A-Za-z0-9._-]", "_");
        return root.resolve("school-contacts").resolve("sqlite-jdbc-" + org.sqlite.SQLiteJDBCLoader.getVersion()).resolve(platform);
    }

    /**
     * The unpacked library in {@code folder}, unpacking it when missing or empty; null when it cannot be
     * written (a read-only home, no such resource).
     */
    static Path ensureUnpacked(Path folder) {
        Path lib = folder.resolve(System.mapLibraryName(org.sqlite.util.LibraryLoaderUtil.NATIVE_LIB_BASE_NAME));
        try {
            if (Files.isRegularFile(lib) && Files.size(lib) > 0) return lib;
            String resource = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath() + "/" + org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
            try (InputStream in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
                if (in == null) return null;
                createPrivately(folder);
                Path part = Files.createTempFile(folder, lib.getFileName().toString(), ".part");
                try {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(part);
                }
            }
            return lib;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void createPrivately(Path folder) throws IOException {
        if (Files.isDirectory(folder)) return;
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(folder);
        }
    }
}
