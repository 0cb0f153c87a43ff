package org.creditnode.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.creditnode.problem.Problem;
import org.creditnode.sign.Signer;
import org.creditnode.store.Database;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Back-pressure: when the database stalls, the commit queue fills to its capacity and further
 * batches are refused at once with 503 OVERLOADED (bounded memory), while every batch already
 * queued is committed once the database moves again.
 */
class CommitQueueOverloadTest {
    @TempDir
    Path dir;

    @Test
    void aFullCommitQueueRefusesWith503AndLosesNothingAlreadyQueued() throws Exception {
        Signer signer = GroupCommitStorageTest.signer(dir);
        try (Database db = GroupCommitStorageTest.lockWaitingH2(dir)) {
            RecordStore store = new RecordStore(db);
            int capacity = 3;
            try (GroupCommitter committer = new GroupCommitter(store, new RecordSealer("360404", signer, true), "360404",
                    1, capacity, Clock.systemUTC()); // groups of one batch: the writer takes one at a time
                 Connection stall = db.connection()) {
                stall.setAutoCommit(false);
                store.lockHead(stall, "360404"); // the writer's next commit waits for this row lock

                List<CompletableFuture<List<StoredRecord>>> accepted = new ArrayList<>();
                accepted.add(committer.submit(List.of(GroupCommitStorageTest.pending(0))));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (committer.queued() > 0) { // the writer has taken it and now waits on the lock
                    assertTrue(System.nanoTime() < deadline, "the writer never took the first batch");
                    Thread.onSpinWait();
                }
                for (int i = 1; i <= capacity; i++) accepted.add(committer.submit(List.of(GroupCommitStorageTest.pending(i))));

                Problem refused = assertThrows(Problem.class,
                        () -> committer.submit(List.of(GroupCommitStorageTest.pending(99))));
                assertEquals(Problem.Kind.UNAVAILABLE, refused.kind());
                assertEquals("OVERLOADED", refused.code());
                assertTrue(refused.getMessage().contains(capacity + " batches waiting"), refused.getMessage());

                stall.rollback(); // the database moves again
                long seq = 0;
                for (var f : accepted) {
                    List<StoredRecord> committed = f.get(30, TimeUnit.SECONDS);
                    assertEquals(1, committed.size());
                    assertEquals(++seq, committed.get(0).seq());
                }
            }
            assertEquals(capacity + 1, store.byOrigin("360404", 1, 1000).size()); // the refused batch was not stored
        }
    }
}
