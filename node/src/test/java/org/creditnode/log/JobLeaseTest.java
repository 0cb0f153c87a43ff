package org.creditnode.log;

import org.creditnode.config.NodeConfig;
import org.creditnode.store.Database;
import org.creditnode.store.LogCursors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A scheduled job runs on one instance at a time, and moves to another when its holder stops renewing. */
class JobLeaseTest {
    @TempDir
    Path dir;

    @Test
    void oneInstanceRunsTheJobAndAnotherTakesOverWhenTheLeaseRunsOut() throws Exception {
        NodeConfig.Storage storage = new NodeConfig.Storage();
        storage.url = "jdbc:h2:file:" + dir.resolve("db");
        try (Database db = new Database(storage)) {
            LogCursors leases = new LogCursors(db);
            JobLease a = new JobLease(leases, "a", 300);
            JobLease b = new JobLease(leases, "b", 300);
            assertTrue(a.mayRun("catch-up"));
            assertFalse(b.mayRun("catch-up"), "a holds it");
            assertTrue(a.mayRun("catch-up"), "a renews it");
            assertTrue(b.mayRun("other-job"), "leases are per job");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean taken = false;
            while (!taken && System.nanoTime() < deadline) { // a stopped renewing: b waits for the expiry
                taken = b.mayRun("catch-up");
                if (!taken) TimeUnit.MILLISECONDS.sleep(20);
            }
            assertTrue(taken, "b took the job over once a's lease ran out");
            assertFalse(a.mayRun("catch-up"), "and a no longer runs it");
        }
    }
}
