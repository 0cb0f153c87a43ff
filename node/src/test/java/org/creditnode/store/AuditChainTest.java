package org.creditnode.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.config.NodeConfig;
import org.creditnode.sign.Signer;
import org.creditnode.sign.SignatureAlgorithm;
import org.creditnode.sign.Verifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit hash chain on a real H2 file database: whole, then altered, removed, reordered and rewritten. */
class AuditChainTest {
    @TempDir
    Path dir;
    private Database db;
    private AuditLog audit;
    private AuditChain chain;
    private NodeIdentity id;

    @BeforeEach
    void open() {
        char[] pw = "changeit".toCharArray();
        var files = FederationPki.ensureSelfContained(dir.resolve("keys"), "360404", KeyAlgorithm.SM2, pw);
        id = NodeIdentity.load(files.signingKeystore(), pw, "signing");
        NodeConfig.Storage storage = new NodeConfig.Storage();
        storage.url = "jdbc:h2:file:" + dir.resolve("db");
        db = new Database(storage);
        audit = new AuditLog(db);
        chain = new AuditChain(audit, Signer.forKey(id.privateKey(), id.keyId()), id.certificate().getPublicKey(), Clock.systemUTC());
        for (int i = 1; i <= 10; i++) audit.byAccount("AUTH_REFUSED", "acc" + i, "UNAUTHENTICATED", "refusal " + i);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aWholeChainVerifiesWithItsSeals() throws Exception {
        chain.seal();
        audit.query("acc1", "SUPERVISION", "abc", "360404-1", "returned 1");
        audit.queries("acc1", "PROCUREMENT", java.util.List.of("k1", "k2", "k3"), "check chk-1"); // a batch check: one transaction
        chain.seal();
        AuditChain.Verdict v = chain.verify();
        assertTrue(v.ok(), v.toString());
        assertEquals(14, v.entries());
        assertEquals(3, audit.queriesAbout("k2", 10).size() + audit.queriesAbout("k1", 10).size() + audit.queriesAbout("k3", 10).size());
        assertEquals(2, v.seals());
    }

    @Test
    void anAlteredEntryIsNamed() throws Exception {
        sql("UPDATE audit_event SET message = 'nothing happened' WHERE event_no = 4");
        AuditChain.Verdict v = chain.verify();
        assertFalse(v.ok());
        assertEquals(4L, v.firstBad());
        assertTrue(v.problem().contains("altered"), v.problem());
    }

    @Test
    void aRemovedEntryIsNamed() throws Exception {
        sql("DELETE FROM audit_event WHERE event_no = 6");
        AuditChain.Verdict v = chain.verify();
        assertFalse(v.ok());
        assertEquals(6L, v.firstBad());
        assertTrue(v.problem().contains("missing"), v.problem());
    }

    @Test
    void aRemovedTailIsFoundThroughTheHead() throws Exception {
        sql("DELETE FROM audit_event WHERE event_no >= 9");
        AuditChain.Verdict v = chain.verify();
        assertFalse(v.ok());
        assertEquals(9L, v.firstBad(), v.problem());
    }

    @Test
    void reorderedEntriesAreFound() throws Exception {
        // swap the contents (with their hashes) of entries 3 and 7: each hash still matches its content
        sql("UPDATE audit_event SET event_no = -3 WHERE event_no = 3");
        sql("UPDATE audit_event SET event_no = 3 WHERE event_no = 7");
        sql("UPDATE audit_event SET event_no = 7 WHERE event_no = -3");
        AuditChain.Verdict v = chain.verify();
        assertFalse(v.ok());
        assertEquals(3L, v.firstBad(), v.problem());
    }

    @Test
    void aChainRewrittenByHandNoLongerMatchesItsSeal() throws Exception {
        chain.seal();
        // someone with write access to the database changes entry 2 and recomputes every hash and the head
        sql("UPDATE audit_event SET message = 'rewritten' WHERE event_no = 2");
        String prev = AuditLog.GENESIS;
        for (AuditLog.Event e : audit.range(0, Long.MAX_VALUE, 100)) {
            AuditLog.Event fixed = new AuditLog.Event(e.no(), e.at(), e.kind(), e.peer(), e.recordId(), e.code(), e.message(), e.account(),
                    e.purpose(), e.subjectKey(), prev, null);
            prev = fixed.expectedHash();
            sql("UPDATE audit_event SET prev_hash = '" + fixed.prevHash() + "', hash = '" + prev + "' WHERE event_no = " + e.no());
        }
        sql("UPDATE audit_head SET last_hash = '" + prev + "'");
        AuditChain.Verdict v = chain.verify();
        assertFalse(v.ok());
        assertEquals(10L, v.firstBad());
        assertTrue(v.problem().contains("seal"), v.problem());
    }

    @Test
    void archivingWritesASignedFileAndTheRestStillVerifies() throws Exception {
        AuditChain.Archived a = chain.archive(6, dir.resolve("archive"), new ObjectMapper());
        assertEquals(6, a.entries());
        byte[] file = Files.readAllBytes(a.file());
        byte[] sig = Base64.getDecoder().decode(Files.readString(a.signature()).trim());
        assertTrue(Verifier.verify(SignatureAlgorithm.SM2_SM3, id.certificate().getPublicKey(), file, sig), "the archive is signed");
        assertEquals(7, Files.readAllLines(a.file()).size(), "a header line and six entries");
        audit.byAccount("AUTH_REFUSED", "acc11", "UNAUTHENTICATED", "after the archive");
        AuditChain.Verdict v = chain.verify();
        assertTrue(v.ok(), v.toString());
        assertEquals(7, v.checkedFrom());
        assertEquals(5, v.entries());
    }

    private void sql(String statement) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @Test
    void aReadWhoseQueryLogEntryCannotBeWrittenIsNotAnsweredWhileOtherEntriesAreBestEffort() throws Exception {
        try (java.sql.Connection c = db.connection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("ALTER TABLE audit_event RENAME TO audit_event_away"); // the log's table unusable
        }
        assertThrows(AuditLog.NotLogged.class, () -> audit.query("acc1", "SUPERVISION", "abc", "360404-1", "returned 1"));
        assertThrows(AuditLog.NotLogged.class, () -> audit.queries("acc1", "PROCUREMENT", java.util.List.of("k1"), "check chk-2"));
        assertThrows(AuditLog.NotLogged.class, () -> audit.allianceAnswered("320000", "PROCUREMENT", "k1", "yrd/1 returned []"));
        audit.byAccount("AUTH_REFUSED", "acc11", "UNAUTHENTICATED", "a refusal is refused whether or not it is kept"); // no exception
        try (java.sql.Connection c = db.connection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("ALTER TABLE audit_event_away RENAME TO audit_event");
        }
        audit.query("acc1", "SUPERVISION", "abc", "360404-1", "returned 1"); // back: written again
        assertTrue(chain.verify().ok(), "the chain is whole: nothing half-written");
    }
}
