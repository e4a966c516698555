package org.schoolcontacts.providers;

import org.schoolcontacts.corps.AppKind;

/** A provider's suite: a third-party app (第三方应用) or an agency template (代开发模板), spec 2.1. */
public enum SuiteKind {
    THIRD_PARTY("third_party", AppKind.THIRD_PARTY),
    AGENCY("agency", AppKind.AGENCY);

    private final String wireName;
    private final AppKind appKind;

    SuiteKind(String wireName, AppKind appKind) {
        this.wireName = wireName;
        this.appKind = appKind;
    }

    public String wireName() { return wireName; }

    /** The kind of the corp-side app an install creates. */
    public AppKind appKind() { return appKind; }

    public static SuiteKind parse(String s) {
        for (SuiteKind k : values()) if (k.wireName.equals(s)) return k;
        return null;
    }
}
