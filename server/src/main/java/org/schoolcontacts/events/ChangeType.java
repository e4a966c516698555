package org.schoolcontacts.events;

import java.util.Locale;

/**
 * The eleven ChangeTypes of 家校通讯录变更回调 (D-92032, D-92051; WxJava's
 * WxCpConsts.SchoolContactChangeType). Departments are always spelled correctly, never like the
 * self-built page's example typo {@code create_deparmtment} (spec events §1.2, §6 no. 6).
 */
public enum ChangeType {
    CREATE_STUDENT, UPDATE_STUDENT, DELETE_STUDENT,
    CREATE_PARENT, UPDATE_PARENT, DELETE_PARENT,
    SUBSCRIBE, UNSUBSCRIBE,
    CREATE_DEPARTMENT, UPDATE_DEPARTMENT, DELETE_DEPARTMENT;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    public static ChangeType parse(String s) {
        for (ChangeType t : values()) if (t.wireName().equals(s)) return t;
        return null;
    }
}
