package org.creditnode.ingest;

import org.creditnode.problem.Problem;
import org.creditnode.sign.Signer;
import org.creditnode.store.Database;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One request's records that the database refuses never fail another request's records committed
 * in the same group: the group is retried submission by submission, and only the bad one is
 * refused — with a 4xx, since it is about its values, and without quoting them.
 */
class CommitIsolationTest {
    @TempDir
    Path dir;

    @Test
    void aSubmissionTheDatabaseRefusesFailsAloneAndOthersInItsGroupCommit() throws Exception {
        Signer signer = GroupCommitStorageTest.signer(dir);
        try (Database db = GroupCommitStorageTest.lockWaitingH2(dir)) {
            RecordStore store = new RecordStore(db);
            try (GroupCommitter committer = new GroupCommitter(store, new RecordSealer("360404", signer, true), "360404",
                    1000, 10, Clock.systemUTC());
                 Connection stall = db.connection()) {
                stall.setAutoCommit(false);
                CompletableFuture<List<StoredRecord>> first = committer.submit(List.of(GroupCommitStorageTest.pending(1)));
                first.get(30, TimeUnit.SECONDS);
                store.lockHead(stall, "360404"); // the next group waits here while three submissions queue up
                CompletableFuture<List<StoredRecord>> before = committer.submit(List.of(GroupCommitStorageTest.pending(2)));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (committer.queued() > 0) {
                    assertTrue(System.nanoTime() < deadline, "the writer never took the batch");
                    Thread.onSpinWait();
                }
                // A subject key longer than its column (80): the database refuses the value.
                var bad = GroupCommitStorageTest.pending(3);
                var tooLong = new RecordSealer.Pending(bad.content(), "9".repeat(120), LocalDate.of(2026, 11, 10), null);
                CompletableFuture<List<StoredRecord>> good1 = committer.submit(List.of(GroupCommitStorageTest.pending(4)));
                CompletableFuture<List<StoredRecord>> refused = committer.submit(List.of(tooLong));
                CompletableFuture<List<StoredRecord>> good2 = committer.submit(List.of(GroupCommitStorageTest.pending(5), GroupCommitStorageTest.pending(6)));
                stall.rollback();

                assertEquals(1, before.get(30, TimeUnit.SECONDS).size());
                assertEquals(1, good1.get(30, TimeUnit.SECONDS).size());
                assertEquals(2, good2.get(30, TimeUnit.SECONDS).size());
                ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(30, TimeUnit.SECONDS));
                Problem br = assertInstanceOf(Problem.class, e.getCause());
                assertEquals(Problem.Kind.UNPROCESSABLE, br.kind(), br.getMessage());
                assertEquals("UNSTORABLE", br.code());
                assertTrue(!br.getMessage().contains("999999"), "the refused value is not quoted: " + br.getMessage());
            }
            List<StoredRecord> all = store.byOrigin("360404", 1, 100);
            assertEquals(5, all.size(), "1 + 1 + 1 + 2 records committed, the refused one not");
            for (int i = 0; i < all.size(); i++) assertEquals(i + 1, all.get(i).seq(), "gap-free numbering after the retry");
        }
    }
}
