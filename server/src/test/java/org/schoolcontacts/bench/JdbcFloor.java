package org.schoolcontacts.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The store floor of the batch workloads: the same 100-student change done as one plain JDBC
 * transaction of batched statements on the server's own tables, with no HTTP, no rules and no
 * checks. Update: rename 100 students and move each to the other class (two batched updates and one
 * counter update per class). Create: take 100 sequence numbers, insert 100 students and their
 * memberships (two batched inserts) and bump the class's counter. Each thread has its own connection
 * and, like each wrk thread of the workload, its own 8 groups of 100 students
 * ({@code fl<t>_<g>_<i>}, created by the harness), taken in turn, so the floor touches as many rows
 * and pages as the server does (a floor rewriting one hot group of 100 rows measured SQLite's page
 * cache, not the same work); like the server, a transaction first locks the school's row, so
 * concurrent floor transactions on one school queue rather than deadlock.
 */
final class JdbcFloor {
    private final String url;
    private final String user;
    private final String corpId;
    /** Each thread's next transaction number, kept across runs so every update really moves its students. */
    private final int[] next = new int[64];
    /** Groups of 100 students per thread, as the workload's script has per wrk thread. */
    static final int GROUPS = 8;
    /** Floor threads the harness creates students for (the most connections a batch workload uses). */
    static final int THREADS = 4;

    JdbcFloor(String url, String user, String corpId) {
        this.url = url;
        this.user = user;
        this.corpId = corpId;
    }

    Wrk.Sample run(String mode, int threads, double seconds, String tag) throws Exception {
        if (threads > THREADS) throw new IllegalArgumentException("the harness creates floor students for " + THREADS + " threads, not " + threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<List<Long>>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Callable<List<Long>> work = () -> loop(mode, thread, end, tag);
            futures.add(pool.submit(work));
        }
        List<Long> all = new ArrayList<>();
        long errors = 0;
        for (Future<List<Long>> f : futures) {
            List<Long> l = f.get();
            for (Long v : l) {
                if (v < 0) errors++;
                else all.add(v);
            }
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        all.sort(null);
        double p50 = all.isEmpty() ? Double.NaN : all.get(all.size() / 2) / 1e6;
        double p99 = all.isEmpty() ? Double.NaN : all.get(Math.min(all.size() - 1, (int) (all.size() * 0.99))) / 1e6;
        return new Wrk.Sample(all.size() * 100 / elapsed, p50, p99, errors, all.size());
    }

    private Connection open() throws SQLException {
        String u = url.startsWith("jdbc:sqlite:") ? url + "?journal_mode=WAL&synchronous=FULL&foreign_keys=true&busy_timeout=60000"
                + "&transaction_mode=IMMEDIATE" : url;
        Connection c = user == null ? DriverManager.getConnection(u) : DriverManager.getConnection(u, user, null);
        c.setAutoCommit(false);
        if (url.startsWith("jdbc:mariadb:")) c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    /** Transaction latencies in nanoseconds; a failed transaction is -1. */
    private List<Long> loop(String mode, int thread, long end, String tag) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = open()) {
            while (System.nanoTime() < end) {
                int k = next[thread]++;
                long s = System.nanoTime();
                try {
                    if (mode.equals("update")) update(c, thread, k);
                    else create(c, thread, k, tag);
                    c.commit();
                    out.add(System.nanoTime() - s);
                } catch (SQLException e) {
                    c.rollback();
                    // nothing moved: the next transaction does this one again, so directions stay in step
                    next[thread] = k;
                    out.add(-1L);
                }
            }
        }
        return out;
    }

    private void update(Connection c, int thread, int k) throws SQLException {
        if (!url.startsWith("jdbc:sqlite:")) {
            // the school's lock, as every writer of the server takes it: without it, two threads' foreign-key
            // checks and counter updates on the same two classes deadlock (SQLite's IMMEDIATE serialises anyway)
            try (PreparedStatement ps = c.prepareStatement("SELECT next_seq FROM corps WHERE corp_id = ? FOR UPDATE")) {
                ps.setString(1, corpId);
                ps.executeQuery().close();
            }
        }
        // as the workload's script: group k % 8, moved to class 12 on its first visit, back to 11 on the next
        int group = k % GROUPS;
        long to = (k / GROUPS) % 2 == 0 ? 12 : 11;
        renameAndMove(c, corpId, "fl" + thread + "_" + group + "_", k, to);
    }

    /**
     * The floor's update of one group of 100 students ({@code keyPrefix + 0..99}): each renamed
     * {@code f<k>_<i>} and moved from the other class of 11 and 12 to {@code to}, in two batched
     * updates, then one counter update per class. Shared with {@link InProcessBatchBenchmark}.
     */
    static void renameAndMove(Connection c, String corpId, String keyPrefix, int k, long to) throws SQLException {
        long from = to == 12 ? 11 : 12;
        try (PreparedStatement names = c.prepareStatement("UPDATE users SET name = ? WHERE corp_id = ? AND user_key = ?");
             PreparedStatement moves = c.prepareStatement(
                     "UPDATE student_classes SET dept_id = ? WHERE corp_id = ? AND student_key = ? AND dept_id = ?")) {
            for (int i = 0; i < 100; i++) {
                String key = keyPrefix + i;
                names.setString(1, String.format(Locale.ROOT, "f%d_%d", k, i));
                names.setString(2, corpId);
                names.setString(3, key);
                names.addBatch();
                moves.setLong(1, to);
                moves.setString(2, corpId);
                moves.setString(3, key);
                moves.setLong(4, from);
                moves.addBatch();
            }
            // every row must be there and move: a floor that changed nothing would look fast
            if (sum(names.executeBatch()) != 100 || sum(moves.executeBatch()) != 100) {
                throw new SQLException("the floor's students " + keyPrefix + "* are not all in class " + from);
            }
        }
        // counters in class order, as every writer must, or two threads moving students in opposite directions deadlock
        counter(c, corpId, 11, to == 11 ? 100 : -100);
        counter(c, corpId, 12, to == 12 ? 100 : -100);
    }

    private void create(Connection c, int thread, int k, String tag) throws SQLException {
        // classes 300-399 are the floor's own: sharing ours' 200-299 filled them past their 30,000
        // seats behind our server's back, which then refused creates with 81001 (counted as errors)
        long dept = 300 + ((k * 4L + thread) % 100);
        long seq;
        try (PreparedStatement ps = c.prepareStatement("UPDATE corps SET next_seq = next_seq + 100 WHERE corp_id = ?")) {
            ps.setString(1, corpId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT next_seq FROM corps WHERE corp_id = ?")) {
            ps.setString(1, corpId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                seq = rs.getLong(1) - 100;
            }
        }
        try (PreparedStatement users = c.prepareStatement("INSERT INTO users (corp_id, user_key, userid, user_type, name, mobile, renamed,"
                + " created_seq) VALUES (?, ?, ?, 1, ?, NULL, 0, ?)");
             PreparedStatement members = c.prepareStatement(
                     "INSERT INTO student_classes (corp_id, student_key, dept_id, position) VALUES (?, ?, ?, 0)")) {
            for (int i = 0; i < 100; i++) {
                String id = "f" + tag + "t" + thread + "k" + k + "i" + i;
                users.setString(1, corpId);
                users.setString(2, id);
                users.setString(3, id);
                users.setString(4, "new " + i);
                users.setLong(5, seq + i);
                users.addBatch();
                members.setString(1, corpId);
                members.setString(2, id);
                members.setLong(3, dept);
                members.addBatch();
            }
            users.executeBatch();
            members.executeBatch();
        }
        counter(c, corpId, dept, 100);
    }

    private static int sum(int[] counts) {
        int n = 0;
        for (int c : counts) n += c == java.sql.Statement.SUCCESS_NO_INFO ? 1 : c;
        return n;
    }

    private static void counter(Connection c, String corpId, long dept, int delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE departments SET student_count = student_count + ? WHERE corp_id = ? AND dept_id = ?")) {
            ps.setInt(1, delta);
            ps.setString(2, corpId);
            ps.setLong(3, dept);
            ps.executeUpdate();
        }
    }
}
