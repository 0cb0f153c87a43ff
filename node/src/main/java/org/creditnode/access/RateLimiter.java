package org.creditnode.access;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per holder: {@code perSecond} requests a second, bursts of up to one second's
 * worth. Per instance of the node (several instances each allow the rate): a limit protects the
 * node from one runaway department system, it is not a quota.
 */
public final class RateLimiter {
    private static final class Bucket {
        double tokens;
        long at;
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanos;

    public RateLimiter(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** 0 when the request may go now, else the whole seconds to wait before the next one would. */
    public long acquire(String holder, int perSecond) {
        if (perSecond <= 0) return 0;
        Bucket b = buckets.computeIfAbsent(holder, k -> {
            Bucket n = new Bucket();
            n.tokens = perSecond;
            n.at = nanos.getAsLong();
            return n;
        });
        synchronized (b) {
            long now = nanos.getAsLong();
            b.tokens = Math.min(perSecond, b.tokens + (now - b.at) / 1e9 * perSecond);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond));
        }
    }
}
