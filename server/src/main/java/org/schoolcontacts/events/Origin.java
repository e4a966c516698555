package org.schoolcontacts.events;

import java.util.function.Supplier;

/**
 * The request a change came from (method, path, calling agentid), shown in the delivery log. The
 * transport sets it around each handler; domain code never passes it along.
 */
public record Origin(String method, String path, Long agentid) {
    private static final ThreadLocal<Origin> CURRENT = new ThreadLocal<>();

    public static Origin current() { return CURRENT.get(); }

    public static <T> T during(Origin origin, Supplier<T> work) {
        Origin before = CURRENT.get();
        CURRENT.set(origin);
        try {
            return work.get();
        } finally {
            if (before == null) CURRENT.remove();
            else CURRENT.set(before);
        }
    }
}
