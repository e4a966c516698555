package org.schoolcontacts.storage;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.sql.SQLException;

/**
 * The store cannot be opened or migrated; the server refuses to start. {@link #reason()} says why in
 * a few words a user can act on (host not found, unknown database, permission denied, …), without the
 * driver's wording; the message adds which store.
 */
public final class StoreUnavailableException extends RuntimeException {
    private final String reason;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.reason = cause == null ? message : reasonOf(cause);
    }

    /** e.g. {@code "unknown database 'x'"}, {@code "connection refused by 127.0.0.1:1"}, {@code "not a directory"}. */
    public String reason() { return reason; }

    /** Whether the cause is the credentials (--db-user / --db-password) rather than the URL. */
    public boolean isAuthentication() { return reason.startsWith("authentication failed"); }

    static String reasonOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) return "host not found: " + t.getMessage();
            if (t instanceof ConnectException) return "connection refused" + (t.getMessage() == null ? "" : " (" + oneLine(t.getMessage()) + ")");
            if (t instanceof SocketTimeoutException) return "no answer within the connection timeout";
            if (t instanceof NotDirectoryException) return "not a directory";
            if (t instanceof AccessDeniedException) return "permission denied";
            if (t instanceof java.nio.file.NoSuchFileException) return "cannot create the folder: no such file or directory";
            if (t instanceof java.nio.file.FileAlreadyExistsException) return "not a directory";
            if (t instanceof FileSystemException f) {
                // the JDK's message of a file-system failure without a reason is only the path, which says nothing
                return f.getReason() != null ? oneLine(f.getReason()).toLowerCase(java.util.Locale.ROOT)
                        : "cannot create or open the folder (" + t.getClass().getSimpleName() + ")";
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState() == null ? "" : s.getSQLState();
                String m = s.getMessage() == null ? "" : s.getMessage();
                if (state.equals("3D000") || s.getErrorCode() == 1049) return "unknown database" + quoted(m);
                if (state.equals("28P01") || state.equals("28000") || s.getErrorCode() == 1045) return "authentication failed: " + oneLine(strip(m));
                if (m.contains("SQLITE_NOTADB") || m.contains("file is not a database")) return "the store file is not an SQLite database (corrupt, or another file)";
                if (m.contains("SQLITE_READONLY") || m.contains("readonly database")) return "permission denied (read-only)";
                if (m.contains("SQLITE_CANTOPEN")) return "cannot open the store file (permission denied or not a directory)";
                if (m.contains("SQLITE_CORRUPT")) return "the store file is corrupt";
                if (m.contains("Connection refused") || m.contains("Connection to") && m.contains("refused")) return "connection refused";
                if (m.contains("UnknownHost") || m.contains("Unknown host") || m.contains("could not resolve")) return "host not found";
            }
        }
        return Database.rootMessage(e);
    }

    private static String quoted(String m) {
        java.util.regex.Matcher q = java.util.regex.Pattern.compile("[\"'“]([^\"'”]+)[\"'”]").matcher(m);
        return q.find() ? " '" + q.group(1) + "'" : "";
    }

    private static String strip(String m) {
        return m.replaceFirst("^\\(conn=\\d+\\)\\s*", "").replaceFirst("^FATAL:\\s*", "");
    }

    private static String oneLine(String s) { return s.replaceAll("\\s+", " ").trim(); }
}
