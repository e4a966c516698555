package org.schoolcontacts.events;

/** A wake-up call between threads: {@link #fire} wakes whoever {@link #await}s, or the next one to. */
public final class Signal {
    private long generation;

    public synchronized void fire() {
        generation++;
        notifyAll();
    }

    public synchronized long generation() { return generation; }

    /** Waits until fired after {@code seen} (a {@link #generation()} read earlier) or the time is up. */
    public synchronized void await(long seen, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (generation == seen) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) return;
            wait(left);
        }
    }
}
