package org.schoolcontacts.corps;

import org.schoolcontacts.wecom.WeComError;

/**
 * The app behind a valid access token. {@link #require} is the permission check every school
 * endpoint runs after the token and before it reads the body (spec 3.2, 3.3).
 */
public record Caller(String corpId, String appId, Long agentid, AppKind kind, SchoolPermission permission,
                     boolean mobileAuthorized, boolean systemSecretAccepted) {

    public void require(Access access) {
        if (!allows(access)) throw WeComError.API_FORBIDDEN.exception();
    }

    public boolean allows(Access access) {
        // the parent-app list is the endpoint's own check (notices), made right after this one
        if (access == Access.PARENT_APP) return true;
        if (kind == AppKind.SYSTEM) {
            // Since 2023-12-01 the 家校通讯录 secret works only for corps that had it before.
            return systemSecretAccepted;
        }
        return switch (permission) {
            case EDIT -> true;
            case READ, PARENT_APP -> access == Access.READ;
            case NONE -> false;
        };
    }

    /** Whether parents' mobiles may be shown to this app (spec 3.3, D-96741). */
    public boolean maySeeParentMobiles() {
        return switch (kind) {
            case THIRD_PARTY -> false;
            case AGENCY -> mobileAuthorized;
            default -> true;
        };
    }
}
