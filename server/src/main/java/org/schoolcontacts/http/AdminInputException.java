package org.schoolcontacts.http;

/** A refused admin request body: HTTP 400 with {@code {"error": message, "field": field}}. */
public final class AdminInputException extends IllegalArgumentException {
    private final String field;

    public AdminInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The JSON path of the refused field ({@code ""}: the body itself). */
    public String field() { return field; }
}
