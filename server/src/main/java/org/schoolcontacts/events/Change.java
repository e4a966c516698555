package org.schoolcontacts.events;

import java.util.Objects;

/**
 * One committed change as WeCom reports it: a ChangeType, the {@code Id} (userid in its stored case, or
 * the department id as a decimal string; the old one on a rename) and {@code NewId} on a rename only.
 */
public record Change(ChangeType type, String id, String newId) {
    public Change {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if (newId != null && newId.equals(id)) newId = null;
    }

    public static Change of(ChangeType type, String id) { return new Change(type, id, null); }

    public static Change renamed(ChangeType type, String id, String newId) { return new Change(type, id, newId); }

    public static Change department(ChangeType type, long id) { return new Change(type, Long.toString(id), null); }
}
