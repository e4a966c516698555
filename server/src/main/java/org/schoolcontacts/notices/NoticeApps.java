package org.schoolcontacts.notices;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.Optional;
import org.schoolcontacts.corps.AppKind;
import org.schoolcontacts.corps.SchoolPermission;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.WeComError;

/**
 * What notices need to know of an app: its kind and permission, whether it is in 「家长可使用的应用」
 * and its allow scope format; and the seed fields that set them (events-and-apps spec 5.1).
 */
final class NoticeApps {
    private NoticeApps() {}

    record App(String appId, Long agentid, AppKind kind, SchoolPermission permission, Boolean parentAppFlag, String allowScopeFormat) {
        /**
         * Spec 4.2 step 1. Self-built: {@code parent_app: true}, whatever its school_contacts, or by
         * default when school_contacts is parent_app. Agency and third-party: in the list unless
         * {@code parent_app: false}, and with some school permission. The system app never is.
         */
        boolean inParentAppList() {
            return switch (kind) {
                case SYSTEM -> false;
                case SELF_BUILT -> parentAppFlag != null ? parentAppFlag : permission == SchoolPermission.PARENT_APP;
                case AGENCY, THIRD_PARTY -> permission != SchoolPermission.NONE && (parentAppFlag == null || parentAppFlag);
            };
        }
    }

    private static final String SELECT = "SELECT a.app_id, a.agentid, a.kind, a.permission, s.parent_app, s.allow_scope_format FROM apps a"
            + " LEFT JOIN app_notice_settings s ON s.corp_id = a.corp_id AND s.app_id = a.app_id WHERE a.corp_id = ? AND ";

    static Optional<App> byAppId(Tx tx, String corpId, String appId) throws SQLException {
        return tx.one(SELECT + "a.app_id = ?", NoticeApps::row, corpId, appId);
    }

    static Optional<App> byAgentid(Tx tx, String corpId, long agentid) throws SQLException {
        return tx.one(SELECT + "a.agentid = ?", NoticeApps::row, corpId, agentid);
    }

    private static App row(java.sql.ResultSet rs) throws SQLException {
        long agent = rs.getLong(2);
        Long agentid = rs.wasNull() ? null : agent;
        int flag = rs.getInt(5);
        Boolean parentApp = rs.wasNull() ? null : flag == 1;
        String format = rs.getString(6);
        return new App(rs.getString(1), agentid, AppKind.parse(rs.getString(3)), SchoolPermission.parse(rs.getString(4)), parentApp,
                format == null ? "doc" : format);
    }

    /**
     * One app of the seed: {@code parent_app}, {@code allow_scope}, {@code allow_scope_format}. Runs
     * after departments, students and parents, so a scope may name them.
     */
    static void seed(Tx tx, JsonNode item) throws SQLException {
        boolean any = item.has("parent_app") || item.has("allow_scope") || item.has("allow_scope_format");
        if (!any) return;
        if (!item.hasNonNull("agentid")) throw WeComError.INVALID_PARAMETER.withMessage("a system app has no parent_app or allow_scope");
        String appId = String.valueOf(item.get("agentid").asLong());
        Boolean parentApp = null;
        JsonNode p = item.get("parent_app");
        if (p != null && !p.isNull()) {
            if (!p.isBoolean()) throw WeComError.INVALID_PARAMETER.withMessage("parent_app must be true or false");
            parentApp = p.asBoolean();
        }
        String format = "doc";
        JsonNode f = item.get("allow_scope_format");
        if (f != null && !f.isNull()) {
            if (!f.isTextual() || !(f.asText().equals("doc") || f.asText().equals("wxjava"))) {
                throw WeComError.INVALID_PARAMETER.withMessage("allow_scope_format must be doc or wxjava");
            }
            format = f.asText();
        }
        tx.update("INSERT INTO app_notice_settings (corp_id, app_id, parent_app, allow_scope_format) VALUES (?, ?, ?, ?)",
                tx.corpId(), appId, parentApp == null ? null : (parentApp ? 1 : 0), format);
        JsonNode scope = item.get("allow_scope");
        if (scope != null && !scope.isNull()) {
            AllowScope parsed;
            try {
                parsed = AllowScope.parse(scope);
            } catch (IllegalArgumentException e) {
                throw WeComError.INVALID_PARAMETER.withMessage(e.getMessage());
            }
            AllowScope.store(tx, tx.corpId(), appId, parsed);
        }
    }
}
