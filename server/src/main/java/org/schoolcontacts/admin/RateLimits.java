package org.schoolcontacts.admin;

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
    /** Third-party providers' servers get twice the per-IP allowance (D-90454). */
    public static final int PROVIDER_IP_FACTOR = 2;

    private final ServerClock clock;
    private volatile boolean enabled;
    private int corpPerMinute = CORP_PER_MINUTE;
    private int corpPerHour = CORP_PER_HOUR;
    private int ipPerMinute = IP_PER_MINUTE;
    private int ipPerHour = IP_PER_HOUR;
    /**
     * Most counters kept at once. A gettoken's corpid is counted before it is checked, so hostile
     * callers could otherwise grow the map by one entry per made-up corp id; past this size the counter
     * used least recently is dropped (an active corp's is used on every call and stays).
     */
    public static final int MAX_COUNTERS = 50_000;
    private final Map<String, Window> windows = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_COUNTERS;
        }
    };

    public RateLimits(ServerClock clock) { this.clock = clock; }

    private static final class Window {
        long minuteStart;
        int minuteCount;
        long hourStart;
        int hourCount;
        long blockedUntil;
    }

    public boolean enabled() { return enabled; }

    /** How many counters are kept now. */
    synchronized int counters() { return windows.size(); }

    public synchronized void setEnabled(boolean on) {
        enabled = on;
        windows.clear();
    }

    /** Off, with WeCom's default limits and no counters: how the server starts. */
    public synchronized void reset() {
        enabled = false;
        corpPerMinute = CORP_PER_MINUTE;
        corpPerHour = CORP_PER_HOUR;
        ipPerMinute = IP_PER_MINUTE;
        ipPerHour = IP_PER_HOUR;
        windows.clear();
    }

    /** Overrides the limits (testers lower them to see 45009 without 10,000 calls); null keeps one. */
    public synchronized void setLimits(Integer corpMinute, Integer corpHour, Integer ipMinute, Integer ipHour) {
        if (corpMinute != null) corpPerMinute = corpMinute;
        if (corpHour != null) corpPerHour = corpHour;
        if (ipMinute != null) ipPerMinute = ipMinute;
        if (ipHour != null) ipPerHour = ipHour;
        windows.clear();
    }

    public synchronized java.util.Map<String, Object> describe() {
        return java.util.Map.of("enabled", enabled, "corp_per_minute", corpPerMinute, "corp_per_hour", corpPerHour,
                "ip_per_minute", ipPerMinute, "ip_per_hour", ipPerHour);
    }

    /** Counts one call; false when it is over a limit. */
    public synchronized boolean allow(String path, String corpId, String ip) {
        return allow(path, corpId, ip, false);
    }

    /** As {@link #allow(String, String, String)}; a third-party app's calls count against the provider's larger IP allowance. */
    public synchronized boolean allow(String path, String corpId, String ip, boolean provider) {
        if (!enabled) return true;
        long now = clock.millis();
        boolean ok = true;
        if (corpId != null) ok = count("corp|" + corpId + "|" + path, now, corpPerMinute, corpPerHour);
        int factor = provider ? PROVIDER_IP_FACTOR : 1;
        String key = (provider ? "provider-ip|" : "ip|") + ip + "|" + path;
        return count(key, now, ipPerMinute * factor, ipPerHour * factor) && ok;
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
