package org.schoolcontacts.providers;

import java.util.List;
import org.schoolcontacts.corps.SchoolPermission;

/** A provider as the seed's {@code providers} section describes it, after validation (spec 5.1). */
public record ProviderSpec(String corpId, String name, String providerSecret, List<Suite> suites, List<Install> installs) {

    /** A third-party suite or agency template. {@code appCallback} is null unless an agency template gives one. */
    public record Suite(String suiteId, SuiteKind kind, String name, String suiteSecret, String token, String encodingAesKey,
                        String callbackUrl, SchoolPermission permission, boolean batchEvents, boolean parentApp,
                        boolean mobileAuthorized, Callback appCallback) {}

    /** A callback endpoint: URL, token and EncodingAESKey. */
    public record Callback(String url, String token, String encodingAesKey) {}

    /** An active authorisation present from the start; null agentid and permanent code are derived. */
    public record Install(String suiteId, String corpId, Long agentid, String permanentCode, String state, String adminUserid) {}
}
