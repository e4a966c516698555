package org.schoolcontacts.admin;

/** A seed file breaks a rule; the message names the item and the rule in one line. */
public final class SeedException extends RuntimeException {
    public SeedException(String message) { super(message); }
}
