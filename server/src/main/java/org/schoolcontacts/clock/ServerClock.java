package org.schoolcontacts.clock;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one clock the whole server reads (token expiry, standard-grade years, journal times).
 * {@code POST /__admin/clock} moves it forward; the offset is kept in the store so a restart keeps it.
 */
public final class ServerClock {
    private final Clock base;
    private final AtomicLong offsetMillis = new AtomicLong();

    public ServerClock(Clock base) { this.base = base; }

    public static ServerClock system() { return new ServerClock(Clock.systemUTC()); }

    public long millis() { return base.millis() + offsetMillis.get(); }

    public long offsetMillis() { return offsetMillis.get(); }

    public void setOffsetMillis(long offset) { offsetMillis.set(offset); }

    /** The calendar year now, in China Standard Time (WeCom's time zone). */
    public int year() {
        return java.time.Instant.ofEpochMilli(millis()).atZone(java.time.ZoneId.of("Asia/Shanghai")).getYear();
    }
}
