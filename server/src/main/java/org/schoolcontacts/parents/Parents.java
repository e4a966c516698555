package org.schoolcontacts.parents;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.events.DirectoryChanges;
import org.schoolcontacts.events.Outbox;
import org.schoolcontacts.parents.ParentRequests.Child;
import org.schoolcontacts.parents.ParentRequests.NewParent;
import org.schoolcontacts.parents.ParentRequests.ParentChange;
import org.schoolcontacts.parents.ParentStore.Link;
import org.schoolcontacts.parents.ParentStore.ParentRow;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;
import org.schoolcontacts.wecom.WeComException;

/**
 * The parent rules of spec 5.4 and 6.7-6.12: create, update (rename once, mobile, children), delete,
 * and their batch forms. Bodies are validated whole first ({@link ParentRequests}); then every item
 * runs in request order inside one write transaction of the school, each under its own savepoint, so
 * a failed item changes nothing and later items see earlier items' effects (spec 12 Q21).
 */
public final class Parents {
    private final Database db;
    @SuppressWarnings("unused") // part of every domain service's constructor; parents keep no times
    private final ServerClock clock;

    private final DirectoryChanges changes;

    public Parents(Database db, ServerClock clock) {
        this(db, clock, new DirectoryChanges(new Outbox(clock)));
    }

    /** @param changes where each applied write reports its change events (spec events §1.2) */
    public Parents(Database db, ServerClock clock, DirectoryChanges changes) {
        this.db = db;
        this.clock = clock;
        this.changes = changes;
    }

    /** A failed batch item: the id as the item sent it ({@code ""} if missing) and why. */
    public record ItemFailure(String userid, WeComException error) {}

    public void create(String corpId, JsonNode body) {
        NewParent parent = ParentRequests.newParent(body);
        db.writeDirectory(corpId, tx -> {
            recordedCreate(tx, parent, new HashSet<>());
            return null;
        });
    }

    public void update(String corpId, JsonNode body) {
        ParentChange change = ParentRequests.parentChange(body);
        db.writeDirectory(corpId, tx -> {
            recordedUpdate(tx, change, new HashSet<>());
            return null;
        });
    }

    /** delete_parent: the {@code userid} query parameter as received. */
    public void delete(String corpId, String userid) {
        String id = ParentRequests.queryUserid(userid, WeComError.INVALID_PARENT_USERID);
        db.writeDirectory(corpId, tx -> {
            recordedDelete(tx, id, new HashSet<>());
            return null;
        });
    }

    public List<ItemFailure> batchCreate(String corpId, JsonNode body) {
        return batch(corpId, ParentRequests.newParents(body), NewParent::parentUserid, this::recordedCreate);
    }

    public List<ItemFailure> batchUpdate(String corpId, JsonNode body) {
        return batch(corpId, ParentRequests.parentChanges(body), ParentChange::parentUserid, this::recordedUpdate);
    }

    public List<ItemFailure> batchDelete(String corpId, JsonNode body) {
        return batch(corpId, ParentRequests.useridList(body), Function.identity(), this::recordedDeleteInBatch);
    }

    /**
     * Applies one seed item with exactly create_parent's rules, then the seed-only fields WeCom derives
     * from a parent's own actions (spec events-and-apps 5.1): {@code is_subscribe} (default 0),
     * {@code external_userid} (derived when subscribed and absent, 3.10) and {@code name}.
     */
    public void seed(Tx tx, JsonNode item) throws SQLException {
        NewParent parent = ParentRequests.newParent(item);
        create(tx, parent, new HashSet<>());
        JsonNode sub = item.get("is_subscribe");
        int subscribed = 0;
        if (sub != null && !sub.isNull()) {
            if (!(sub.isIntegralNumber() && (sub.asInt() == 0 || sub.asInt() == 1)) && !sub.isBoolean()) {
                throw WeComError.invalidParameter("is_subscribe");
            }
            subscribed = sub.isBoolean() ? (sub.asBoolean() ? 1 : 0) : sub.asInt();
        }
        String external = item.hasNonNull("external_userid") ? item.get("external_userid").asText() : null;
        if (external == null && subscribed == 1) external = derivedExternalUserid(tx.corpId(), parent.parentUserid());
        String name = item.hasNonNull("name") ? item.get("name").asText() : null;
        if (subscribed == 1 || external != null || name != null) {
            tx.update("UPDATE users SET is_subscribe = ?, external_userid = ?, name = ? WHERE corp_id = ? AND user_key = ?",
                    subscribed, external, name, tx.corpId(), Limits.userKey(parent.parentUserid()));
        }
    }

    /** {@code "wm" + b64u("external_userid|" + corpid + "|" + lower(parent_userid))[0..30]} (spec events-and-apps 3.10). */
    static String derivedExternalUserid(String corpId, String parentUserid) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(
                    ("external_userid|" + corpId + "|" + Limits.userKey(parentUserid)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "wm" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 30);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface ItemWork<T> {
        void apply(Tx tx, T item, Set<String> seenKeys) throws SQLException;
    }

    private <T> List<ItemFailure> batch(String corpId, List<T> items, Function<T, String> idOf, ItemWork<T> work) {
        if (items.isEmpty()) return List.of();
        return db.writeDirectory(corpId, tx -> {
            // Built inside the work: the store may re-run it after a deadlock.
            List<ItemFailure> failures = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (T item : items) {
                try {
                    tx.item(t -> {
                        work.apply(t, item, seen);
                        return null;
                    });
                } catch (WeComException e) {
                    String id = idOf.apply(item);
                    failures.add(new ItemFailure(id == null ? "" : id, e));
                }
            }
            return failures;
        });
    }

    // The API's writes report their change events; seeding (which calls create directly) does not.
    private void recordedCreate(Tx tx, NewParent p, Set<String> seen) throws SQLException {
        changes.createParent(tx, p.parentUserid(), t -> { create(t, p, seen); return null; });
    }

    private void recordedUpdate(Tx tx, ParentChange c, Set<String> seen) throws SQLException {
        changes.updateParent(tx, c.parentUserid(), c.newParentUserid(), t -> { update(t, c, seen); return null; });
    }

    private void recordedDelete(Tx tx, String userid, Set<String> seen) throws SQLException {
        changes.deleteParent(tx, userid, t -> { delete(t, userid, seen); return null; });
    }

    private void recordedDeleteInBatch(Tx tx, String userid, Set<String> seen) throws SQLException {
        changes.deleteParent(tx, userid, t -> { deleteInBatch(t, userid, seen); return null; });
    }

    private void create(Tx tx, NewParent p, Set<String> seen) throws SQLException {
        String id = wellFormedUserid(p.parentUserid(), seen);
        // Required by D-92331; a missing one fails this item only (spec 12 Q7: not a length rule).
        if (p.mobile() == null) throw WeComError.invalidParameter("mobile");
        if (p.children() == null || p.children().isEmpty()) throw WeComError.invalidParameter("children");
        String key = Limits.userKey(id);
        if (ParentStore.userExists(tx, key)) throw WeComError.USERID_EXISTS.with(id);
        checkMobile(tx, p.mobile(), null);
        List<Link> links = links(tx, p.children());
        // The school's parent cap (65018), a conditional increment of its counter: it holds against any writer.
        if (!ParentStore.takeParentSeat(tx)) throw WeComError.PARENT_CAP_REACHED.exception();
        if (ParentStore.refusedAsDuplicate(tx, t -> {
            ParentStore.insert(t, key, id, p.mobile());
            return null;
        })) {
            throw duplicateOf(tx, key, id);
        }
        ParentStore.replaceChildren(tx, key, links);
    }

    private void update(Tx tx, ParentChange c, Set<String> seen) throws SQLException {
        String id = wellFormedUserid(c.parentUserid(), seen);
        ParentRow row = ParentStore.parent(tx, Limits.userKey(id)).orElseThrow(() -> WeComError.USERID_NOT_FOUND.with(id));
        String newId = c.newParentUserid();
        // The same id in the same case is no rename; a case-only change is one (spec 6.5.3 step 4).
        boolean renaming = newId != null && !newId.equals(row.userid());
        String newKey = renaming ? Limits.userKey(newId) : row.key();
        if (renaming) {
            if (!Limits.userIdCharactersOk(newId)) throw WeComError.INVALID_PARENT_USERID.with(newId);
            if (!newKey.equals(row.key()) && ParentStore.userExists(tx, newKey)) throw WeComError.USERID_EXISTS.with(newId);
            if (row.renamesUsedUp()) throw WeComError.USERID_NOT_UPDATABLE.with(id);
        }
        if (c.mobile() != null) checkMobile(tx, c.mobile(), row.key());
        List<Link> links = c.children().isEmpty() ? null : links(tx, c.children());

        if (renaming && ParentStore.refusedAsDuplicate(tx, t -> {
            // 0 rows: another writer renamed it first; the database keeps the once-only promise.
            if (!ParentStore.rename(t, row.key(), newKey, newId)) throw WeComError.USERID_NOT_UPDATABLE.with(id);
            return null;
        })) {
            throw WeComError.USERID_EXISTS.with(newId);
        }
        if (c.mobile() != null && !c.mobile().equals(row.mobile()) && ParentStore.refusedAsDuplicate(tx, t -> {
            ParentStore.setMobile(t, newKey, c.mobile());
            return null;
        })) {
            throw WeComError.PARENT_MOBILE_EXISTS.exception();
        }
        // Non-empty children replace the whole list; empty or absent leave it (D-100153).
        if (links != null) ParentStore.replaceChildren(tx, newKey, links);
    }

    private void delete(Tx tx, String userid, Set<String> seen) throws SQLException {
        String id = wellFormedUserid(userid, seen);
        if (!ParentStore.delete(tx, Limits.userKey(id))) throw WeComError.USERID_NOT_FOUND.with(id);
    }

    /** A batch_delete_parent item: 60111 reads {@code userid not found} without the id, as D-92080's example. */
    private void deleteInBatch(Tx tx, String userid, Set<String> seen) throws SQLException {
        String id = wellFormedUserid(userid, seen);
        if (!ParentStore.delete(tx, Limits.userKey(id))) throw WeComError.USERID_NOT_FOUND.exception();
    }

    /** 41009 / 40003 per item, then 40058 for an id an earlier item of the request already named (spec 12 Q6). */
    private static String wellFormedUserid(String id, Set<String> seen) {
        if (id == null) throw WeComError.USERID_MISSING.exception();
        if (!Limits.userIdCharactersOk(id)) throw WeComError.INVALID_PARENT_USERID.with(id);
        if (!seen.add(Limits.userKey(id))) throw WeComError.INVALID_PARAMETER.withMessage("duplicate userid in request: " + id);
        return id;
    }

    /** 60103 for a bad format, 60137 when another parent of the school has it (spec 12 Q14). */
    private static void checkMobile(Tx tx, String mobile, String ownKey) throws SQLException {
        if (!Limits.mobileOk(mobile)) throw WeComError.INVALID_MOBILE.exception();
        String holder = ParentStore.mobileHolder(tx, mobile).orElse(null);
        if (holder != null && !holder.equals(ownKey)) throw WeComError.PARENT_MOBILE_EXISTS.exception();
    }

    /**
     * One link per student (duplicates: the last entry's relation, spec 5.4), each to an existing
     * student: 40003 for an id that cannot be one, 60111 for one no user has, 65010 for a parent's (spec 5.5).
     */
    private static List<Link> links(Tx tx, List<Child> children) throws SQLException {
        Map<String, Child> byKey = new LinkedHashMap<>();
        for (Child child : children) {
            if (!Limits.userIdCharactersOk(child.studentUserid())) throw WeComError.INVALID_STUDENT_USERID.with(child.studentUserid());
            byKey.put(Limits.userKey(child.studentUserid()), child);
        }
        Set<String> students = ParentStore.studentKeys(tx, byKey.keySet());
        List<Link> links = new ArrayList<>(byKey.size());
        for (Map.Entry<String, Child> e : byKey.entrySet()) {
            if (!students.contains(e.getKey())) {
                String sent = e.getValue().studentUserid();
                if (ParentStore.userExists(tx, e.getKey())) throw WeComError.NOT_A_STUDENT.with(sent);
                throw WeComError.USERID_NOT_FOUND.withMessage("student userid not found: " + sent);
            }
            links.add(new Link(e.getKey(), e.getValue().relation()));
        }
        return links;
    }

    /** Which unique key refused a new parent: its id (60102) or, failing that, its mobile (60137). */
    private static WeComException duplicateOf(Tx tx, String key, String id) throws SQLException {
        return ParentStore.userExists(tx, key) ? WeComError.USERID_EXISTS.with(id) : WeComError.PARENT_MOBILE_EXISTS.exception();
    }
}
