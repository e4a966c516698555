package org.schoolcontacts.events;

import java.util.List;

/**
 * The delivery loop's numbers. The defaults are WeCom's and the spec's (events §1.7): 5 s for an
 * answer (1 s for auth notices), 3 retries after 1, 2 and 4 s, 30 s leases, 4 workers. Tests may run
 * an in-process server with shorter times ({@link Events#tune}); the HTTP surface cannot change them.
 */
public record DeliverySettings(long timeoutMillis, long authTimeoutMillis, List<Long> retryDelaysMillis, long leaseMillis,
                               int workers, long pollMillis, long verifyTimeoutMillis) {
    public static final DeliverySettings WECOM = new DeliverySettings(5_000, 1_000, List.of(1_000L, 2_000L, 4_000L), 30_000, 4, 250, 1_000);

    public DeliverySettings {
        retryDelaysMillis = List.copyOf(retryDelaysMillis);
        if (timeoutMillis <= 0 || authTimeoutMillis <= 0 || leaseMillis <= 0 || workers <= 0 || pollMillis <= 0 || verifyTimeoutMillis <= 0) {
            throw new IllegalArgumentException("delivery times and worker count must be positive");
        }
    }

    /** Attempts per delivery: the first plus one per retry delay. */
    public int maxAttempts() { return 1 + retryDelaysMillis.size(); }

    public DeliverySettings withTimeouts(long timeout, List<Long> retryDelays) {
        return new DeliverySettings(timeout, Math.min(authTimeoutMillis, timeout), retryDelays, leaseMillis, workers, pollMillis, verifyTimeoutMillis);
    }

    public DeliverySettings withLease(long lease) {
        return new DeliverySettings(timeoutMillis, authTimeoutMillis, retryDelaysMillis, lease, workers, pollMillis, verifyTimeoutMillis);
    }
}
