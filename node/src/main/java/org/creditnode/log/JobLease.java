package org.creditnode.log;

import org.creditnode.store.LogCursors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scheduled job (catch-up, and the workflows' expiry and deadline jobs next) on exactly one
 * instance when several serve one node: the instance holding the job's lease in the database.
 * The database is already the state the instances share, so this needs no cluster membership of
 * its own (Hazelcast, camel-master) — one moving part fewer, and it works the same on one instance.
 */
public final class JobLease {
    private static final Logger LOG = LoggerFactory.getLogger(JobLease.class);

    private final LogCursors leases;
    private final String owner;
    private final long leaseMs;
    private volatile boolean held;

    public JobLease(LogCursors leases, String owner, long leaseMs) {
        this.leases = leases;
        this.owner = owner;
        this.leaseMs = leaseMs;
    }

    /** True when this instance holds (or just took) the job's lease and should run it now. */
    public boolean mayRun(String job) {
        try {
            boolean now = leases.claim("job:" + job, owner, System.currentTimeMillis(), leaseMs).isPresent();
            if (now != held) {
                held = now;
                LOG.info("job {} {} owner={}", job, now ? "runs on this instance" : "runs on another instance", owner);
            }
            return now;
        } catch (Exception e) {
            LOG.debug("job {}: lease not readable now, skipping this round: {}", job, e.toString());
            return false;
        }
    }
}
