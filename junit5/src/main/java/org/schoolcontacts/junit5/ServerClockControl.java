package org.schoolcontacts.junit5;

import java.time.Duration;
import java.time.Instant;

/** The server's clock ({@code /__admin/clock}) as typed calls: {@code handle.clock()}. */
public final class ServerClockControl {
    private final SchoolContactsHandle handle;

    ServerClockControl(SchoolContactsHandle handle) { this.handle = handle; }

    /** Moves the clock forward (tokens expire by it: 7200 s later they answer 42001). */
    public void advance(Duration by) {
        if (by.isNegative()) throw new IllegalArgumentException("the clock only moves forward, got " + by);
        handle.admin("POST", "/__admin/clock", "{\"advance_seconds\":" + by.toSeconds() + "}");
    }

    /** Back to real time. */
    public void reset() {
        handle.admin("POST", "/__admin/clock", "{\"reset\":true}");
    }

    /** The server's now. */
    public Instant now() {
        return Instant.ofEpochMilli(handle.admin("GET", "/__admin/clock", null).get("now").asLong());
    }

    /** How far the server's clock is ahead of real time. */
    public Duration offset() {
        return Duration.ofSeconds(handle.admin("GET", "/__admin/clock", null).get("offset_seconds").asLong());
    }
}
