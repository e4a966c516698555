package org.schoolcontacts.corps;

import java.util.List;

/** A corp as a seed file describes it, after validation. */
public record CorpSpec(String corpId, String name, boolean systemSecretAccepted, List<AppSpec> apps) {

    /** An app of a corp; {@code agentid} is null for the system app. */
    public record AppSpec(Long agentid, String name, AppKind kind, SchoolPermission permission,
                          boolean mobileAuthorized, boolean enabled, String secret) {
        public String appId() { return agentid == null ? "system" : String.valueOf(agentid); }
    }
}
