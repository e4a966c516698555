package org.schoolcontacts.wecom;

/**
 * The error catalogue: every errcode the server can send, with WeCom's phrase for it.
 * Codes and meanings follow WeCom's global error table (doc 90313) as the spec, section 10, maps them.
 * Nothing else in the code base builds an errcode; a guard test keeps README's table equal to this enum.
 */
public enum WeComError {
    SYSTEM_ERROR(-1, "system error"),
    INVALID_CREDENTIAL(40001, "invalid credential"),
    INVALID_USERID(40003, "invalid userid"),
    /** 40003 for a student's id (student_userid, new_student_userid, a child's id): the doc examples' phrase. */
    INVALID_STUDENT_USERID(40003, "invalid student_userid"),
    /** 40003 for a parent's id (parent_userid, new_parent_userid): the doc examples' phrase. */
    INVALID_PARENT_USERID(40003, "invalid parent_userid"),
    INVALID_CORPID(40013, "invalid corpid"),
    INVALID_MEDIA_ID(40007, "invalid media_id"),
    INVALID_MSGTYPE(40008, "invalid message type"),
    INVALID_ACCESS_TOKEN(40014, "invalid access_token"),
    INVALID_OAUTH_CODE(40029, "invalid code"),
    INVALID_PARAMETER(40058, "invalid parameter"),
    /** A student's class list names an id no department has (D-90313 40066). */
    INVALID_DEPARTMENT_LIST(40066, "invalid department list"),
    INVALID_AGENTID(40056, "invalid agentid"),
    NOT_A_CLASS(40066, "department is not a class"),
    INVALID_PRE_AUTH_CODE(40077, "invalid pre_auth_code"),
    INVALID_AUTH_CODE(40078, "invalid auth_code"),
    INVALID_SUITE_SECRET(40080, "invalid suite_secret"),
    INVALID_SUITE_TOKEN(40082, "invalid suite_access_token"),
    INVALID_SUITE_ID(40083, "invalid suite_id"),
    INVALID_PERMANENT_CODE(40084, "invalid permanent code"),
    INVALID_SUITE_TICKET(40085, "invalid suite_ticket"),
    INVALID_APPID(40086, "invalid appid"),
    SECRET_OF_ANOTHER_CORP(40091, "secret is invalid"),
    /** A request body over Limits.MAX_BODY_BYTES (D-90313 40206; the size is the emulator's). */
    REQUEST_TOO_LARGE(40206, "request body too large"),
    ACCESS_TOKEN_MISSING(41001, "access_token missing"),
    CORPID_MISSING(41002, "corpid missing"),
    CORPSECRET_MISSING(41004, "corpsecret missing"),
    AUTH_CODE_MISSING(41008, "missing auth code"),
    USERID_MISSING(41009, "missing userid"),
    URL_MISSING(41010, "missing url"),
    AGENTID_MISSING(41011, "missing agentid"),
    TITLE_MISSING(41016, "missing title"),
    SUITE_ID_MISSING(41021, "suite_id missing"),
    SUITE_TOKEN_MISSING(41022, "suite_access_token missing"),
    SUITE_TICKET_MISSING(41023, "suite_ticket missing"),
    SECRET_MISSING(41024, "secret missing"),
    PERMANENT_CODE_MISSING(41025, "permanent code missing"),
    ACCESS_TOKEN_EXPIRED(42001, "access_token expired"),
    PRE_AUTH_CODE_EXPIRED(42007, "pre_auth_code expired"),
    SUITE_TOKEN_EXPIRED(42009, "suite_access_token expired"),
    EMPTY_CONTENT(44004, "empty content"),
    CONTENT_TOO_LONG(45002, "content size out of limit"),
    TOO_MANY_ARTICLES(45008, "article size out of limit"),
    FREQUENCY_LIMITED(45009, "api freq out of limit"),
    API_FORBIDDEN(48002, "api forbidden"),
    AUTH_RELATION_INVALID(48004, "auth relation invalid"),
    APP_DISABLED(50003, "app disabled"),
    DEPARTMENT_NAME_LENGTH(60001, "invalid department name length"),
    DEPARTMENT_NOT_FOUND(60003, "department not found"),
    PARENT_DEPARTMENT_NOT_FOUND(60004, "parent department not found"),
    DEPARTMENT_HAS_MEMBERS(60005, "department has members"),
    DEPARTMENT_HAS_CHILDREN(60006, "department has children"),
    ROOT_NOT_DELETABLE(60007, "can not delete root department"),
    DEPARTMENT_EXISTS(60008, "department existed"),
    DEPARTMENT_NAME_ILLEGAL(60009, "invalid department name"),
    DEPARTMENT_LOOP(60010, "department loop"),
    USERID_EXISTS(60102, "userid existed"),
    INVALID_MOBILE(60103, "invalid mobile"),
    USERID_NOT_FOUND(60111, "userid not found"),
    INVALID_DEPARTMENT_ID(60123, "invalid department id"),
    /** Parents' mobiles are unique in the school (D-90313 60137). */
    PARENT_MOBILE_EXISTS(60137, "parent mobile existed"),
    /** Students' mobiles are unique among the school's students (D-90313 60149; scope chosen, spec 12 Q13). */
    STUDENT_MOBILE_EXISTS(60149, "student mobile existed"),
    INVALID_ADMIN_TYPE(65006, "invalid department admin type"),
    INVALID_DEPARTMENT_TYPE(65007, "invalid school department type"),
    INVALID_REGISTER_YEAR(65008, "invalid register_year"),
    INVALID_STANDARD_GRADE(65009, "invalid standard_grade"),
    NOT_A_STUDENT(65010, "userid is not a student"),
    /** More than Limits.MAX_BATCH_ITEMS items in a parent batch (D-90313 65011). */
    TOO_MANY_PARENTS(65011, "parent userid count exceeds limit"),
    STUDENT_HAS_PARENTS(65013, "student has parents"),
    PARENT_TYPE_MISMATCH(65015, "parent department type mismatch"),
    /** The school holds its parent cap, 2,000 unverified / 20,000 verified (D-90313 65018). */
    PARENT_CAP_REACHED(65018, "parent count exceeds limit"),
    /** A class already holds Limits.CLASS_CAPACITY students (D-90313 81001). */
    CLASS_FULL(81001, "department member count exceeds limit"),
    ALL_RECIPIENTS_INVALID(81013, "user & party & tag all invalid"),
    NO_RECIPIENTS(82001, "all recipients empty"),
    ANOTHER_AGENT(301002, "not allow operate another agent with this accesstoken."),
    USERID_NOT_UPDATABLE(301036, "userid can not be updated"),
    /** Emulator-only (spec 12 Q22): an unknown path answers HTTP 404 with this code. */
    API_NOT_FOUND(404, "api not found"),
    /**
     * Emulator-only: a request the HTTP layer refuses before routing (malformed request line, URI or
     * headers too long, a control character in the path); the HTTP status is the one Jetty chose.
     */
    BAD_REQUEST(400, "bad request");

    private final int code;
    private final String phrase;

    WeComError(int code, String phrase) {
        this.code = code;
        this.phrase = phrase;
    }

    public int code() { return code; }

    public String phrase() { return phrase; }

    /** The error with its bare phrase, e.g. {@code "invalid access_token"}. */
    public WeComException exception() {
        return new WeComException(this, phrase);
    }

    /** The error with a subject after the phrase, e.g. {@code "userid not found: s1"}. */
    public WeComException with(Object subject) {
        return new WeComException(this, phrase + ": " + subject);
    }

    /** The error with a wholly specific message (40058 has several, spec section 6). */
    public WeComException withMessage(String message) {
        return new WeComException(this, message);
    }

    /** 40058 naming the offending field. */
    public static WeComException invalidParameter(String field) {
        return INVALID_PARAMETER.with(field);
    }

    public static WeComError byCode(int code) {
        for (WeComError e : values()) if (e.code == code) return e;
        return null;
    }
}
