package org.schoolcontacts.providers;

/** An admin request about providers that cannot be done: answered with this HTTP status (404, 409) and message. */
public final class ProviderAdminException extends RuntimeException {
    private final int status;

    public ProviderAdminException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() { return status; }
}
