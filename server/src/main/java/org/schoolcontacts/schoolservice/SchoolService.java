package org.schoolcontacts.schoolservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.corps.AppKind;
import org.schoolcontacts.corps.Caller;
import org.schoolcontacts.notices.AllowScope;
import org.schoolcontacts.providers.Derived;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.JsonFields;
import org.schoolcontacts.wecom.WeComError;

/**
 * The rest of WxJava's WxCpSchoolUserService (events-and-apps spec 3.2-3.8): school-wide settings
 * (arch sync mode, subscribe mode, upgrade date), the subscribe QR code, parents seen as external
 * contacts, allow scopes, openids and mobiles to external_userids.
 */
public final class SchoolService {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Dates of the grade upgrade are Shanghai dates (spec 6 no. 32: the doc example is midnight UTC+8). */
    static final ZoneId SCHOOL_ZONE = ZoneId.of("Asia/Shanghai");
    static final String QR = "http://p.qpic.cn/wwhead/school-contacts/";
    static final String AVATAR = "http://wx.qlogo.cn/mmhead/school-contacts/0";
    static final int MAX_MOBILES = 100;

    private final Database db;
    private final ServerClock clock;

    public SchoolService(Database db, ServerClock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** School flags; a corp without a row has the defaults. */
    record Settings(int subscribeMode, int archSyncMode, Long upgradeTime, int upgradeSwitch) {
        static final Settings DEFAULT = new Settings(1, 0, null, 0);
    }

    static Settings settings(Tx tx, String corpId) throws SQLException {
        return tx.one("SELECT subscribe_mode, arch_sync_mode, upgrade_time, upgrade_switch FROM corp_settings WHERE corp_id = ?", rs -> {
            long t = rs.getLong(3);
            Long time = rs.wasNull() ? null : t;
            return new Settings(rs.getInt(1), rs.getInt(2), time, rs.getInt(4));
        }, corpId).orElse(Settings.DEFAULT);
    }

    private static void ensureSettings(Tx tx, String corpId) throws SQLException {
        if (tx.count("SELECT COUNT(*) FROM corp_settings WHERE corp_id = ?", corpId) == 0) {
            tx.update("INSERT INTO corp_settings (corp_id, subscribe_mode, arch_sync_mode, upgrade_switch) VALUES (?, 1, 0, 0)", corpId);
        }
    }

    // --- 3.2 set_arch_sync_mode

    /** 1 forbids tags → contacts, 2 contacts → tags, 3 both; a direction once forbidden stays forbidden. */
    public void setArchSyncMode(Caller caller, JsonNode body) {
        long mode = readMode(body, "arch_sync_mode", WeComError.INVALID_ARCH_SYNC_MODE);
        if (mode < 1 || mode > 3) throw WeComError.INVALID_ARCH_SYNC_MODE.exception();
        db.write(caller.corpId(), tx -> {
            ensureSettings(tx, caller.corpId());
            int stored = settings(tx, caller.corpId()).archSyncMode();
            if ((stored & ~mode) != 0) {
                throw WeComError.INVALID_ARCH_SYNC_MODE.withMessage("invalid arch_sync_mode: sync can not be re-enabled");
            }
            tx.update("UPDATE corp_settings SET arch_sync_mode = ? WHERE corp_id = ?", mode, caller.corpId());
            return null;
        });
    }

    private static long readMode(JsonNode body, String field, WeComError error) {
        try {
            return JsonFields.integer(body, field).orElseThrow(error::exception);
        } catch (org.schoolcontacts.wecom.WeComException e) {
            if (e.error() == error) throw e;
            throw error.exception();
        }
    }

    // --- 3.3 subscribe QR code and mode

    public ObjectNode subscribeQrCode(Caller caller) {
        boolean verified = db.read(tx -> tx.count("SELECT COUNT(*) FROM corps WHERE corp_id = ? AND verified = 1", caller.corpId()) > 0);
        if (!verified) throw WeComError.CORP_NOT_VERIFIED.exception();
        ObjectNode out = NODES.objectNode();
        out.put("qrcode_big", QR + caller.corpId() + "/1200");
        out.put("qrcode_middle", QR + caller.corpId() + "/430");
        out.put("qrcode_thumb", QR + caller.corpId() + "/258");
        return out;
    }

    public void setSubscribeMode(Caller caller, JsonNode body) {
        long mode = readMode(body, "subscribe_mode", WeComError.INVALID_SUBSCRIBE_MODE);
        if (mode != 1 && mode != 2) throw WeComError.INVALID_SUBSCRIBE_MODE.exception();
        db.write(caller.corpId(), tx -> {
            ensureSettings(tx, caller.corpId());
            tx.update("UPDATE corp_settings SET subscribe_mode = ? WHERE corp_id = ?", mode, caller.corpId());
            return null;
        });
    }

    public int subscribeMode(Caller caller) {
        return db.read(tx -> settings(tx, caller.corpId()).subscribeMode());
    }

    // --- 3.4 externalcontact/get

    private record ParentRow(String userid, String name, String mobile, String externalUserid, boolean subscribed, String userKey) {}

    private static Optional<ParentRow> parentByExternal(Tx tx, String corpId, String external) throws SQLException {
        return tx.one("SELECT userid, name, parent_mobile, external_userid, is_subscribe, user_key FROM users "
                        + "WHERE corp_id = ? AND user_type = 2 AND external_userid = ?",
                rs -> new ParentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5) == 1, rs.getString(6)),
                corpId, external);
    }

    public ObjectNode externalContact(Caller caller, String externalUserid) {
        if (externalUserid == null || externalUserid.isEmpty()) throw WeComError.invalidParameter("external_userid");
        return db.read(tx -> {
            ParentRow p = parentByExternal(tx, caller.corpId(), externalUserid).orElseThrow(WeComError.NOT_EXTERNAL_CONTACT::exception);
            Optional<String> remark = tx.one("SELECT s.name, pc.relation FROM parent_children pc JOIN users s "
                            + "ON s.corp_id = pc.corp_id AND s.user_key = pc.student_key WHERE pc.corp_id = ? AND pc.parent_key = ? "
                            + "ORDER BY pc.position", rs -> rs.getString(1) + "-" + rs.getString(2), caller.corpId(), p.userKey());
            ObjectNode out = NODES.objectNode();
            ObjectNode c = out.putObject("external_contact");
            c.put("external_userid", p.externalUserid());
            c.put("name", p.name() == null || p.name().isEmpty() ? p.userid() : p.name());
            c.put("type", 1);
            c.put("gender", 0);
            if (caller.kind() != AppKind.THIRD_PARTY) c.put("avatar", AVATAR);
            if (p.subscribed()) c.put("is_subscribe", 1);
            ObjectNode info = c.putObject("subscriber_info");
            info.putArray("tag_id");
            if (caller.maySeeParentMobiles() && p.mobile() != null) info.putArray("remark_mobiles").add(p.mobile());
            info.put("remark", remark.orElse(""));
            out.putArray("follow_user");
            return out;
        });
    }

    // --- 3.5 agent/get_allow_scope

    public ObjectNode allowScope(Caller caller, String agentidText) {
        if (agentidText == null || agentidText.isEmpty()) throw WeComError.AGENTID_MISSING.exception();
        long agentid;
        try {
            agentid = Long.parseLong(agentidText.trim());
        } catch (NumberFormatException e) {
            throw WeComError.INVALID_AGENTID.exception();
        }
        return db.read(tx -> {
            boolean exists = tx.count("SELECT COUNT(*) FROM apps WHERE corp_id = ? AND agentid = ?", caller.corpId(), agentid) > 0;
            if (!exists) throw WeComError.INVALID_AGENTID.exception();
            if (caller.agentid() == null || caller.agentid() != agentid) throw WeComError.ANOTHER_AGENT.exception();
            AllowScope scope = AllowScope.of(tx, caller.corpId(), caller.appId());
            // the notices feature keeps each app's get_allow_scope format beside its parent-app flag
            String format = tx.one("SELECT allow_scope_format FROM app_notice_settings WHERE corp_id = ? AND app_id = ?",
                    rs -> rs.getString(1), caller.corpId(), caller.appId()).orElse("doc");
            ObjectNode out = NODES.objectNode();
            ObjectNode s = out.putObject("allow_scope");
            ArrayNode parties = s.putObject("departments").putArray("partyid");
            for (long d : scope.departments()) parties.add(d);
            if (!scope.students().isEmpty()) {
                if ("wxjava".equals(format)) {
                    ArrayNode list = s.putArray("students");
                    for (String u : scope.students()) list.addObject().put("userid", u);
                } else {
                    ArrayNode list = s.putObject("students").putArray("userid");
                    for (String u : scope.students()) list.add(u);
                }
            }
            return out;
        });
    }

    // --- 3.6 convert_to_openid

    public String convertToOpenid(Caller caller, String externalUserid) {
        if (externalUserid == null || externalUserid.isEmpty()) throw WeComError.invalidParameter("external_userid");
        // wo… ids are users of other corps (open_userid), never external contacts
        if (externalUserid.startsWith("wo")) throw WeComError.INVALID_EXTERNAL_USERID.exception();
        boolean known = db.read(tx -> parentByExternal(tx, caller.corpId(), externalUserid).isPresent());
        if (!known) throw WeComError.INVALID_EXTERNAL_USERID.exception();
        return Derived.openid(caller.corpId(), externalUserid);
    }

    // --- 3.7 set_upgrade_info

    public long setUpgradeInfo(Caller caller, JsonNode body) {
        long time = JsonFields.integer(body, "upgrade_time").orElse(0L);
        long sw = JsonFields.integer(body, "upgrade_switch").orElse(0L) == 1 ? 1 : 0;
        long next = nextUpgradeTime(time, clock.millis());
        db.write(caller.corpId(), tx -> {
            ensureSettings(tx, caller.corpId());
            tx.update("UPDATE corp_settings SET upgrade_time = ?, upgrade_switch = ? WHERE corp_id = ?", time, sw, caller.corpId());
            return null;
        });
        return next;
    }

    /**
     * 00:00 Shanghai time of {@code upgradeTime}'s month and day, this year if still ahead of now, else
     * next year; 29 February in a common year is 1 March.
     */
    static long nextUpgradeTime(long upgradeTime, long nowMillis) {
        MonthDay day = MonthDay.from(Instant.ofEpochSecond(upgradeTime).atZone(SCHOOL_ZONE));
        ZonedDateTime now = Instant.ofEpochMilli(nowMillis).atZone(SCHOOL_ZONE);
        for (int year = now.getYear(); ; year++) {
            LocalDate date = day.isValidYear(year) ? day.atYear(year) : LocalDate.of(year, 3, 1);
            long at = date.atStartOfDay(SCHOOL_ZONE).toEpochSecond();
            if (at * 1000 > nowMillis) return at;
        }
    }

    // --- 3.8 batch_to_external_userid

    public ObjectNode batchToExternalUserid(Caller caller, JsonNode body) {
        // the doc's table has no agency row (spec 6 no. 39)
        if (caller.kind() == AppKind.AGENCY) throw WeComError.API_FORBIDDEN.exception();
        List<String> mobiles = JsonFields.strings(body, "mobiles").orElseThrow(() -> WeComError.invalidParameter("mobiles"));
        if (mobiles.isEmpty() || mobiles.size() > MAX_MOBILES) throw WeComError.invalidParameter("mobiles");
        return db.read(tx -> {
            ObjectNode out = NODES.objectNode();
            ArrayNode success = out.putArray("success_list");
            ArrayNode fail = out.putArray("fail_list");
            for (String m : mobiles) {
                Optional<ParentRow> p = tx.one("SELECT userid, name, parent_mobile, external_userid, is_subscribe, user_key FROM users "
                                + "WHERE corp_id = ? AND user_type = 2 AND parent_mobile = ?",
                        rs -> new ParentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5) == 1,
                                rs.getString(6)), caller.corpId(), m);
                if (p.isPresent()) {
                    ObjectNode item = success.addObject().put("mobile", m);
                    if (p.get().subscribed() && p.get().externalUserid() != null) item.put("external_userid", p.get().externalUserid());
                } else {
                    fail.addObject().put("errcode", WeComError.RECORD_NOT_FOUND.code()).put("errmsg", WeComError.RECORD_NOT_FOUND.phrase())
                            .put("mobile", m);
                }
            }
            return out;
        });
    }

}
