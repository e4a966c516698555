package org.schoolcontacts.notices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.notices.Expansion.Recipient;
import org.schoolcontacts.storage.Tx;

/**
 * Notices and their recipients in SQL. A notice's recipients are written set-based: multi-row
 * INSERTs of {@value #ROWS_PER_INSERT} rows, so a 30,000-parent notice is 60 statements, not 30,000.
 */
final class NoticeStore {
    static final int ROWS_PER_INSERT = 500;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String RECIPIENT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_RECIPIENTS = "INSERT INTO notice_recipients (corp_id, notice_id, position, user_type, user_seq, userid, via,"
            + " is_subscribe, delivered) VALUES ";
    private static final String NOTICE_COLUMNS = "n.notice_id, n.corp_id, n.app_id, n.agentid, n.sent_at, n.msgtype, n.message, n.recv_scope,"
            + " n.targets, n.invalid, n.enable_id_trans, n.duplicate_of, n.recipient_count";

    private NoticeStore() {}

    /** A stored notice without its recipients. */
    record Notice(long noticeId, String corpId, String appId, long agentid, long sentAt, String msgtype, JsonNode message, int recvScope,
                  JsonNode targets, JsonNode invalid, boolean enableIdTrans, Long duplicateOf, int recipientCount) {}

    /** A notice as one recipient's inbox shows it. */
    record InboxEntry(Notice notice, String via, boolean delivered) {}

    record NewNotice(String corpId, String appId, long agentid, long sentAt, String msgtype, JsonNode message, int recvScope,
                     JsonNode targets, JsonNode invalid, boolean enableIdTrans, Long duplicateOf, String requestHash) {}

    /** The next server-wide notice number; the row stays locked until the sending transaction ends. */
    static long nextId(Tx tx) throws SQLException {
        tx.update("UPDATE notice_sequence SET next_id = next_id + 1 WHERE id = 1");
        return tx.one("SELECT next_id FROM notice_sequence WHERE id = 1", rs -> rs.getLong(1)).orElseThrow() - 1;
    }

    static void insert(Tx tx, long id, NewNotice n, List<Recipient> recipients) throws SQLException {
        tx.update("INSERT INTO notices (corp_id, notice_id, app_id, agentid, sent_at, msgtype, message, recv_scope, targets, invalid,"
                        + " enable_id_trans, duplicate_of, request_hash, recipient_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                n.corpId(), id, n.appId(), n.agentid(), n.sentAt(), n.msgtype(), n.message().toString(), n.recvScope(),
                n.targets().toString(), n.invalid().toString(), n.enableIdTrans() ? 1 : 0, n.duplicateOf(), n.requestHash(), recipients.size());
        insertRecipients(tx, n.corpId(), id, recipients);
    }

    private static void insertRecipients(Tx tx, String corpId, long id, List<Recipient> recipients) throws SQLException {
        PreparedStatement full = null;
        try {
            for (int start = 0; start < recipients.size(); start += ROWS_PER_INSERT) {
                int rows = Math.min(ROWS_PER_INSERT, recipients.size() - start);
                PreparedStatement ps;
                if (rows == ROWS_PER_INSERT) {
                    if (full == null) full = tx.connection().prepareStatement(INSERT_RECIPIENTS + rowsSql(ROWS_PER_INSERT));
                    ps = full;
                } else {
                    ps = tx.connection().prepareStatement(INSERT_RECIPIENTS + rowsSql(rows));
                }
                try {
                    int p = 1;
                    for (int i = start; i < start + rows; i++) {
                        Recipient r = recipients.get(i);
                        ps.setString(p++, corpId);
                        ps.setLong(p++, id);
                        ps.setInt(p++, i);
                        ps.setInt(p++, r.userType());
                        ps.setLong(p++, r.userSeq());
                        ps.setString(p++, r.userid());
                        ps.setString(p++, r.via());
                        ps.setInt(p++, r.isSubscribe());
                        ps.setInt(p++, r.delivered() ? 1 : 0);
                    }
                    ps.executeUpdate();
                } finally {
                    if (ps != full) ps.close();
                }
            }
        } finally {
            if (full != null) full.close();
        }
    }

    private static String rowsSql(int rows) {
        return String.join(", ", java.util.Collections.nCopies(rows, RECIPIENT_ROW));
    }

    /**
     * The newest notice of this app sent (not itself a duplicate) with the same request after
     * {@code afterMillis}, for the duplicate check: a duplicate does not extend the window.
     */
    static Optional<Notice> sameRequestSince(Tx tx, String corpId, String appId, String requestHash, long afterMillis) throws SQLException {
        List<Notice> found = tx.query("SELECT " + NOTICE_COLUMNS + " FROM notices n WHERE n.corp_id = ? AND n.app_id = ? AND n.request_hash = ?"
                + " AND n.duplicate_of IS NULL AND n.sent_at > ? ORDER BY n.notice_id DESC LIMIT 1", NoticeStore::notice, corpId, appId, requestHash, afterMillis);
        return found.stream().findFirst();
    }

    /** A duplicate keeps the original's recipients, none of them delivered (spec 4.4). */
    static int copyRecipientsUndelivered(Tx tx, String corpId, long from, long to) throws SQLException {
        int n = tx.update("INSERT INTO notice_recipients (corp_id, notice_id, position, user_type, user_seq, userid, via, is_subscribe, delivered)"
                + " SELECT corp_id, ?, position, user_type, user_seq, userid, via, is_subscribe, 0 FROM notice_recipients"
                + " WHERE corp_id = ? AND notice_id = ?", to, corpId, from);
        tx.update("UPDATE notices SET recipient_count = ? WHERE corp_id = ? AND notice_id = ?", n, corpId, to);
        return n;
    }

    static Optional<Notice> byId(Tx tx, long id) throws SQLException {
        return tx.one("SELECT " + NOTICE_COLUMNS + " FROM notices n WHERE n.notice_id = ?", NoticeStore::notice, id);
    }

    static List<Recipient> recipients(Tx tx, String corpId, long id) throws SQLException {
        return tx.query("SELECT user_type, user_seq, userid, via, is_subscribe, delivered FROM notice_recipients WHERE corp_id = ? AND notice_id = ?"
                        + " ORDER BY position",
                rs -> new Recipient(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6) == 1), corpId, id);
    }

    /** Newest first; each filter may be null. */
    static List<Notice> find(Tx tx, String corpId, Long agentid, Long sinceMillis, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + NOTICE_COLUMNS + " FROM notices n WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (corpId != null) {
            sql.append(" AND n.corp_id = ?");
            params.add(corpId);
        }
        if (agentid != null) {
            sql.append(" AND n.agentid = ?");
            params.add(agentid);
        }
        if (sinceMillis != null) {
            sql.append(" AND n.sent_at >= ?");
            params.add(sinceMillis);
        }
        sql.append(" ORDER BY n.notice_id DESC LIMIT ").append(limit);
        return tx.query(sql.toString(), NoticeStore::notice, params.toArray());
    }

    /**
     * The notices a user received, newest first. A user who still exists is found by creation number,
     * whatever their userid was at send time; one deleted since by the userid recorded then (a
     * renamed user's old id finds nothing).
     */
    static List<InboxEntry> inbox(Tx tx, String corpId, String userKey, Long sinceMillis, boolean deliveredOnly, int limit) throws SQLException {
        Optional<Long> seq = tx.one("SELECT created_seq FROM users WHERE corp_id = ? AND user_key = ?", rs -> rs.getLong(1), corpId, userKey);
        List<Object> params = new ArrayList<>();
        params.add(corpId);
        StringBuilder sql = new StringBuilder("SELECT " + NOTICE_COLUMNS + ", r.via, r.delivered FROM notice_recipients r"
                + " JOIN notices n ON n.corp_id = r.corp_id AND n.notice_id = r.notice_id WHERE r.corp_id = ?");
        if (seq.isPresent()) {
            sql.append(" AND r.user_seq = ?");
            params.add(seq.get());
        } else {
            // only recipients who are gone: a renamed user's old id names nobody any more
            sql.append(" AND LOWER(r.userid) = ? AND NOT EXISTS (SELECT 1 FROM users u WHERE u.corp_id = r.corp_id AND u.created_seq = r.user_seq)");
            params.add(userKey);
        }
        if (sinceMillis != null) {
            sql.append(" AND n.sent_at >= ?");
            params.add(sinceMillis);
        }
        if (deliveredOnly) sql.append(" AND r.delivered = 1");
        sql.append(" ORDER BY r.notice_id DESC LIMIT ").append(limit);
        return tx.query(sql.toString(), rs -> new InboxEntry(notice(rs), rs.getString(14), rs.getInt(15) == 1), params.toArray());
    }

    /** Forgets every notice, or those of one corp. */
    static int forget(Tx tx, String corpId) throws SQLException {
        if (corpId == null) {
            tx.update("DELETE FROM notice_recipients");
            return tx.update("DELETE FROM notices");
        }
        tx.update("DELETE FROM notice_recipients WHERE corp_id = ?", corpId);
        return tx.update("DELETE FROM notices WHERE corp_id = ?", corpId);
    }

    private static Notice notice(java.sql.ResultSet rs) throws SQLException {
        long dup = rs.getLong(12);
        Long duplicateOf = rs.wasNull() ? null : dup;
        return new Notice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getString(6), json(rs.getString(7)),
                rs.getInt(8), json(rs.getString(9)), json(rs.getString(10)), rs.getInt(11) == 1, duplicateOf, rs.getInt(13));
    }

    private static JsonNode json(String text) throws SQLException {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new SQLException("stored notice JSON unreadable", e);
        }
    }
}
