package org.schoolcontacts.wecom;

/** A refusal that reaches the client as WeCom's envelope: one catalogue entry plus its message. */
public final class WeComException extends RuntimeException {
    private final WeComError error;
    private final int errcode;

    public WeComException(WeComError error, String message) {
        this(error, error.code(), message);
    }

    private WeComException(WeComError error, int errcode, String message) {
        super(message, null, false, false);
        this.error = error;
        this.errcode = errcode;
    }

    /** An errcode a tester injected through {@code /__admin/faults}; it need not be in the catalogue. */
    public static WeComException injected(int errcode, String message) {
        WeComError known = WeComError.byCode(errcode);
        return new WeComException(known != null ? known : WeComError.SYSTEM_ERROR, errcode, message);
    }

    public WeComError error() { return error; }

    public int errcode() { return errcode; }

    public String errmsg() { return getMessage(); }
}
