package org.creditnode.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock moved by a test: days pass for deadlines without waiting for them. */
public final class MutableClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration d) {
        offset.updateAndGet(o -> o.plus(d));
    }

    @Override
    public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(ZoneId zone) {
        MutableClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() { return zone; }

            @Override
            public Clock withZone(ZoneId z) { return self.withZone(z); }

            @Override
            public Instant instant() { return self.instant(); }
        };
    }

    @Override
    public Instant instant() { return Instant.now().plus(offset.get()); }
}
