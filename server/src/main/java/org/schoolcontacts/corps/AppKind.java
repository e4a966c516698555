package org.schoolcontacts.corps;

import java.util.Locale;

/** The kinds of WeCom app that may call the school API (spec 3.1). */
public enum AppKind {
    SELF_BUILT, AGENCY, THIRD_PARTY, SYSTEM;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    public static AppKind parse(String s) {
        for (AppKind k : values()) if (k.wireName().equals(s)) return k;
        return null;
    }
}
