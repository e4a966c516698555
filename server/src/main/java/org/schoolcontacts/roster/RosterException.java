package org.schoolcontacts.roster;

/** A roster file that cannot be used at all (unknown column, unreadable file); the message names why. */
public final class RosterException extends RuntimeException {
    public RosterException(String message) { super(message); }

    public RosterException(String message, Throwable cause) { super(message, cause); }
}
