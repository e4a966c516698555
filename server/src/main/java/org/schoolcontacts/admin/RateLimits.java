package org.schoolcontacts.admin;

import java.util.HashMap;
import java.util.Map;
import org.schoolcontacts.clock.ServerClock;

/**
 * WeCom's documented frequency limits (D-90454), off by default: per corp and per client IP, per API
 * path, by the minute and by the hour. Crossing one blocks that key for the rest of a 60 s (minute
 * limit) or 60 min (hour limit) block, answered with 45009. Counters live in this process.
 */
public final class RateLimits {
    public static final int CORP_PER_MINUTE = 10_000;
    public static final int CORP_PER_HOUR = 150_000;
    public static final int IP_PER_MINUTE = 20_000;
    public static final int IP_PER_HOUR = 600_000;

    private final ServerClock clock;
    private volatile boolean enabled;
    private final Map<String, Window> windows = new HashMap<>();

    public RateLimits(ServerClock clock) { this.clock = clock; }

    private static final class Window {
        long minuteStart;
        int minuteCount;
        long hourStart;
        int hourCount;
        long blockedUntil;
    }

    public boolean enabled() { return enabled; }

    public synchronized void setEnabled(boolean on) {
        enabled = on;
        windows.clear();
    }

    /** Counts one call; false when it is over a limit. */
    public synchronized boolean allow(String path, String corpId, String ip) {
        if (!enabled) return true;
        long now = clock.millis();
        boolean ok = true;
        if (corpId != null) ok = count("corp|" + corpId + "|" + path, now, CORP_PER_MINUTE, CORP_PER_HOUR);
        return count("ip|" + ip + "|" + path, now, IP_PER_MINUTE, IP_PER_HOUR) && ok;
    }

    private boolean count(String key, long now, int perMinute, int perHour) {
        Window w = windows.computeIfAbsent(key, k -> new Window());
        if (now < w.blockedUntil) return false;
        if (now - w.minuteStart >= 60_000) { w.minuteStart = now; w.minuteCount = 0; }
        if (now - w.hourStart >= 3_600_000) { w.hourStart = now; w.hourCount = 0; }
        w.minuteCount++;
        w.hourCount++;
        if (w.hourCount > perHour) { w.blockedUntil = now + 3_600_000; return false; }
        if (w.minuteCount > perMinute) { w.blockedUntil = now + 60_000; return false; }
        return true;
    }
}
