package org.schoolcontacts.corps;

import java.util.Locale;

/** An app's permission on home-school contacts (spec 3.1); {@code parent_app} reads only. */
public enum SchoolPermission {
    EDIT, READ, PARENT_APP, NONE;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    public static SchoolPermission parse(String s) {
        for (SchoolPermission p : values()) if (p.wireName().equals(s)) return p;
        return null;
    }
}
