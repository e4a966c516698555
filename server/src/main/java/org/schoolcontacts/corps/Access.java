package org.schoolcontacts.corps;

/**
 * What an endpoint needs of its caller: to read the school, or to change it (spec 3.2); or
 * {@code PARENT_APP}: the app must be in 「家长可使用的应用」, a list the endpoint itself checks because
 * it lives with the notice settings (events-and-apps spec 4.2).
 */
public enum Access {
    READ, EDIT, PARENT_APP
}
