package org.schoolcontacts.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.schoolcontacts.storage.Dialect;

/** The stores a single-process benchmark runs on: all three, or those {@code -Dbench.stores=postgresql,mariadb} names. */
final class BenchStores {
    private BenchStores() {}

    static List<Dialect> selected() {
        String only = System.getProperty("bench.stores", "").trim().toLowerCase(Locale.ROOT);
        List<Dialect> out = new ArrayList<>();
        for (Dialect d : Dialect.values()) {
            if (only.isEmpty() || List.of(only.split(",")).contains(d.name().toLowerCase(Locale.ROOT))) out.add(d);
        }
        if (out.isEmpty()) throw new IllegalArgumentException("bench.stores names no store: " + only);
        return out;
    }
}
