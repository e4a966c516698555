package org.schoolcontacts.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server process per embedded data folder. Several servers share PostgreSQL or MariaDB, where
 * deliveries are leased and leases run out; on the embedded store a starting server takes back every
 * stream lease at once (the one that held them is known to be gone), which a second live server on
 * the same folder would break. So a server holds an OS lock on {@code server.lock} in the folder while
 * it runs, and a second one is refused at start-up (exit 4). The OS drops the lock when the holder
 * dies, even by {@code kill -9}. {@code import} and {@code export} take no such lock: they may open the
 * store beside a running server (SQLite serialises the writers, and the server sees their commits at
 * its next read).
 */
public final class ServerFolderLock implements AutoCloseable {
    static final String FILE = "server.lock";
    private static final Logger LOG = LoggerFactory.getLogger(ServerFolderLock.class);

    private final FileChannel channel;
    private final FileLock lock;

    private ServerFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder for this process; {@link StoreUnavailableException} when another server holds it.
     * A folder that cannot be created or is not a directory is left for {@link Database#open} to report;
     * a file system without locks is used without one (with a warning).
     */
    public static ServerFolderLock take(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) return new ServerFolderLock(null, null);
        Path file = dir.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException inThisProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                channel.close();
                String who = holder.isEmpty() ? "another server" : "another server (pid " + holder + ")";
                throw new StoreUnavailableException("the data folder is in use by " + who
                        + "; one server per data folder, several share PostgreSQL or MariaDB", null);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            return new ServerFolderLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            // the folder's own problems (permission denied, …) are Database.open's to report with its exit code
            LOG.warn("cannot lock {} ({}): starting without the one-server-per-folder check", file, e.toString());
            return new ServerFolderLock(null, null);
        }
    }

    /** Whether this process holds the folder (false where the file system gave no lock). */
    public boolean held() { return lock != null && lock.isValid(); }

    @Override
    public void close() {
        try {
            if (lock != null && lock.isValid()) lock.release();
        } catch (IOException ignored) {
            // the channel's close below drops it all the same
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
