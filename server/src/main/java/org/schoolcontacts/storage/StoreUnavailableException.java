package org.schoolcontacts.storage;

/** The store cannot be opened or migrated; the server refuses to start with this one-line reason. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
