package org.schoolcontacts.wecom;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every number and grammar rule of the API, in one place (spec sections 2, 5, 6, 7).
 * Endpoints, domain services and the seed loader all ask this class; none repeats a number.
 */
public final class Limits {
    private Limits() {}

    /** Items in one batch call (students, parents, useridlist). D-92042. */
    public static final int MAX_BATCH_ITEMS = 100;
    /** student_userid / parent_userid length in UTF-8 bytes. D-92042. */
    public static final int USERID_MAX_BYTES = 64;
    /** Student name length in characters (code points). D-92042. */
    public static final int STUDENT_NAME_MAX_CHARS = 32;
    /** Classes one student may be in. D-92042. */
    public static final int MAX_CLASSES_PER_STUDENT = 20;
    /** Students one class may hold. D-92042. */
    public static final int CLASS_CAPACITY = 30_000;
    /** Parents one school may hold: 2,000 unless verified, 20,000 when verified. D-90313 65018. */
    public static final int PARENT_CAP_UNVERIFIED = 2_000;
    public static final int PARENT_CAP_VERIFIED = 20_000;
    /** Children one parent may have. D-92331. */
    public static final int MAX_CHILDREN_PER_PARENT = 10;
    /** relation length in UTF-8 bytes. D-92331. */
    public static final int RELATION_MAX_BYTES = 32;
    /** Department name length in characters. D-100158. */
    public static final int DEPARTMENT_NAME_MAX_CHARS = 32;
    /** Subject of a department admin, in characters. D-100158. */
    public static final int SUBJECT_MAX_CHARS = 15;
    /** Smallest id a caller may give a new department; the root is 1. */
    public static final long MIN_CREATED_DEPARTMENT_ID = 2;
    public static final long ROOT_DEPARTMENT_ID = 1;
    public static final long MAX_DEPARTMENT_ID = Integer.MAX_VALUE;
    public static final int MIN_REGISTER_YEAR = 1970;
    public static final int MAX_REGISTER_YEAR = 2100;
    /** order is a uint32. */
    public static final long MAX_ORDER = 0xFFFF_FFFFL;
    /** Mobile: 1-32 characters of digits, '+' and '-' (spec 5.3, global 60103 rule). */
    public static final int MOBILE_MAX_CHARS = 32;

    /** Token lifetime (D-91039). */
    public static final long TOKEN_TTL_SECONDS = 7200;
    /** A live token with at least this much left is handed out again (spec 12 Q2). */
    public static final long TOKEN_REUSE_MIN_SECONDS = 600;
    /** Expired tokens are remembered this long so they answer 42001, not 40014. */
    public static final long EXPIRED_TOKEN_MEMORY_SECONDS = 24 * 3600;

    /** School notices (学校通知, D-91609): recipients per list, text and article sizes. */
    public static final int NOTICE_MAX_PARENTS = 1000;
    public static final int NOTICE_MAX_STUDENTS = 1000;
    public static final int NOTICE_MAX_PARTIES = 100;
    public static final int NOTICE_TEXT_MAX_BYTES = 2048;
    public static final int NOTICE_MAX_ARTICLES = 8;
    /** Optional titles and descriptions longer than these are cut (the doc: "超过会自动截断"). */
    public static final int NOTICE_TITLE_MAX_BYTES = 128;
    public static final int NOTICE_DESCRIPTION_MAX_BYTES = 512;
    public static final int NOTICE_AUTHOR_MAX_BYTES = 64;
    public static final int NOTICE_MINIPROGRAM_TITLE_MAX_BYTES = 64;
    /** duplicate_check_interval: default and range in seconds (at most 4 hours). */
    public static final int NOTICE_DUPLICATE_INTERVAL_DEFAULT = 1800;
    public static final int NOTICE_DUPLICATE_INTERVAL_MAX = 14_400;

    /** The first {@code maxBytes} bytes of {@code s} in UTF-8, never cutting a character in two. */
    public static String truncateUtf8(String s, int maxBytes) {
        if (utf8Bytes(s) <= maxBytes) return s;
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > maxBytes) break;
            bytes += n;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    /** Largest request body read; a larger one is refused whole with 40206 (spec 1.1; the size is chosen). */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private static final Pattern MOBILE = Pattern.compile("[0-9+\\-]{1," + MOBILE_MAX_CHARS + "}");
    /** Department name characters refused with 60009 (spec 12 Q27). */
    private static final String DEPARTMENT_NAME_FORBIDDEN = "-:*?\"<>/\\|";

    public static int utf8Bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    public static int chars(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Length rule of a userid: 1-64 bytes. Breaking it rejects a whole request. */
    public static boolean userIdLengthOk(String id) {
        int n = utf8Bytes(id);
        return n >= 1 && n <= USERID_MAX_BYTES;
    }

    /**
     * Character rule of a userid: ASCII digits, letters, _-@. and a digit or letter first (the grammar
     * {@code [0-9A-Za-z][0-9A-Za-z_\-@.]*}). Breaking it fails one item (40003). A loop, not that
     * regex: a batch of 100 checks each id three or four times, and the matcher was 6 % of the
     * server's Java samples on batch_update_student (issue 15, JFR).
     */
    public static boolean userIdCharactersOk(String id) {
        if (id.isEmpty() || !asciiAlphanumeric(id.charAt(0))) return false;
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!asciiAlphanumeric(c) && c != '_' && c != '-' && c != '@' && c != '.') return false;
        }
        return true;
    }

    private static boolean asciiAlphanumeric(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** The case-insensitive key under which a userid is unique in its school. */
    public static String userKey(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    public static boolean studentNameOk(String name) {
        int n = chars(name);
        return n >= 1 && n <= STUDENT_NAME_MAX_CHARS;
    }

    public static boolean mobileOk(String mobile) {
        return MOBILE.matcher(mobile).matches();
    }

    public static boolean relationOk(String relation) {
        int n = utf8Bytes(relation);
        return n >= 1 && n <= RELATION_MAX_BYTES;
    }

    public static boolean departmentNameLengthOk(String name) {
        int n = chars(name);
        return n >= 1 && n <= DEPARTMENT_NAME_MAX_CHARS;
    }

    public static boolean departmentNameCharactersOk(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (DEPARTMENT_NAME_FORBIDDEN.indexOf(name.charAt(i)) >= 0) return false;
        }
        return true;
    }
}
