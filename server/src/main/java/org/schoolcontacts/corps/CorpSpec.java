package org.schoolcontacts.corps;

import java.util.List;

/**
 * A corp as a seed file describes it, after validation. {@code verified} (default true) sets the
 * school's parent cap: 20,000 verified, 2,000 not (spec 5.4).
 */
public record CorpSpec(String corpId, String name, boolean systemSecretAccepted, boolean verified, List<AppSpec> apps) {

    /** A verified corp. */
    public CorpSpec(String corpId, String name, boolean systemSecretAccepted, List<AppSpec> apps) {
        this(corpId, name, systemSecretAccepted, true, apps);
    }

    /** An app of a corp; {@code agentid} is null for the system app. */
    public record AppSpec(Long agentid, String name, AppKind kind, SchoolPermission permission,
                          boolean mobileAuthorized, boolean enabled, String secret) {
        public String appId() { return agentid == null ? "system" : String.valueOf(agentid); }
    }
}
