package org.schoolcontacts.corps;

/** What an endpoint needs of its caller: to read the school, or to change it (spec 3.2). */
public enum Access {
    READ, EDIT
}
