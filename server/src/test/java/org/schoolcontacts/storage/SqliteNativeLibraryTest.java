package org.schoolcontacts.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteNativeLibraryTest {
    @TempDir Path tmp;

    @Test
    void theLibraryIsUnpackedOnceAsTheJarHoldsItAndThenReused() throws Exception {
        Path folder = tmp.resolve("cache/sqlite");
        Path lib = SqliteNativeLibrary.ensureUnpacked(folder);
        assertThat(lib).isNotNull().isRegularFile();
        try (InputStream in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
            assertThat(Files.readAllBytes(lib)).isEqualTo(in.readAllBytes());
        }
        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(lib, written);
        assertThat(SqliteNativeLibrary.ensureUnpacked(folder)).isEqualTo(lib);
        assertThat(Files.getLastModifiedTime(lib)).isEqualTo(written);
        // no temporary file is left beside it
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(lib);
        }
    }

    @Test
    void anEmptyCachedFileIsUnpackedAgain() throws Exception {
        Path folder = tmp.resolve("c");
        Files.createDirectories(folder);
        Path lib = folder.resolve(System.mapLibraryName(LibraryLoaderUtil.NATIVE_LIB_BASE_NAME));
        Files.createFile(lib);
        assertThat(SqliteNativeLibrary.ensureUnpacked(folder)).isEqualTo(lib);
        assertThat(Files.size(lib)).isGreaterThan(100_000);
    }

    @Test
    void aCacheThatCannotBeWrittenLeavesTheDriverToItself() throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("file"), "x");
        assertThat(SqliteNativeLibrary.ensureUnpacked(notAFolder.resolve("sqlite"))).isNull();
    }

    @Test
    void theCacheLivesUnderXdgCacheHomeOrTheHomeFolderAndIsNamedAfterTheDriverAndPlatform() {
        Path xdg = SqliteNativeLibrary.cacheFolder(Map.of("XDG_CACHE_HOME", "/var/cache/u"), "/home/u");
        assertThat(xdg.toString()).startsWith("/var/cache/u/school-contacts/sqlite-jdbc-" + org.sqlite.SQLiteJDBCLoader.getVersion() + "/");
        assertThat(xdg.getFileName().toString()).contains(System.getProperty("os.arch"));
        assertThat(SqliteNativeLibrary.cacheFolder(Map.of(), "/home/u").toString()).startsWith("/home/u/.cache/school-contacts/");
        // a relative XDG_CACHE_HOME is ignored, as the XDG rules say
        assertThat(SqliteNativeLibrary.cacheFolder(Map.of("XDG_CACHE_HOME", "rel"), "/home/u").toString()).startsWith("/home/u/.cache/");
        assertThat(SqliteNativeLibrary.cacheFolder(Map.of(), "?")).isNull();
    }
}
