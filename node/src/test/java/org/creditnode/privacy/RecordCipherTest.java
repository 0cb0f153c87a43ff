package org.creditnode.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SM4-GCM at rest and the HMAC-SM3 subject index, with a real keystore file. */
class RecordCipherTest {
    @TempDir
    Path dir;

    private static final byte[] RECORD = "{\"subject\":{\"code\":\"36040419900101123X\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void whatIsStoredNamesNoOneAndReadsBack() {
        RecordCipher c = new RecordCipher(DataKeys.open(dir.resolve("data.p12"), "pw".toCharArray()), PersonalData.everything());
        byte[] stored = c.encrypt(RECORD, "360404-1@1");
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("36040419900101123X"));
        assertArrayEquals(RECORD, c.decrypt(stored, c.currentKey(), "360404-1@1"));
        assertNotEquals(new String(c.encrypt(RECORD, "360404-1@1"), StandardCharsets.ISO_8859_1),
                new String(stored, StandardCharsets.ISO_8859_1), "a fresh nonce each time");
    }

    @Test
    void aCiphertextMovedToAnotherRowOrAlteredIsRefused() {
        RecordCipher c = new RecordCipher(DataKeys.open(dir.resolve("data.p12"), "pw".toCharArray()), PersonalData.everything());
        byte[] stored = c.encrypt(RECORD, "360404-1@1");
        assertThrows(IllegalStateException.class, () -> c.decrypt(stored, c.currentKey(), "360404-2@1"));
        stored[stored.length - 20] ^= 1;
        assertThrows(IllegalStateException.class, () -> c.decrypt(stored, c.currentKey(), "360404-1@1"));
    }

    @Test
    void theIndexIsStableAcrossRestartsAndRotationsAndKeyed() throws Exception {
        Path file = dir.resolve("data.p12");
        RecordCipher first = new RecordCipher(DataKeys.open(file, "pw".toCharArray()), PersonalData.everything());
        String index = first.subjectIndex("36040419900101123X");
        assertEquals(64, index.length());
        assertFalse(index.contains("36040419900101123X"));
        byte[] old = first.encrypt(RECORD, "r@1");
        assertEquals(2, first.keys().rotate());
        RecordCipher reopened = new RecordCipher(DataKeys.open(file, "pw".toCharArray()), PersonalData.everything());
        assertEquals(2, reopened.currentKey(), "the newest key encrypts");
        assertEquals(index, reopened.subjectIndex("36040419900101123X"), "lookups keep working after a rotation");
        assertArrayEquals(RECORD, reopened.decrypt(old, 1, "r@1"), "old keys still decrypt");
        RecordCipher other = new RecordCipher(DataKeys.open(dir.resolve("other.p12"), "pw".toCharArray()), PersonalData.everything());
        assertNotEquals(index, other.subjectIndex("36040419900101123X"), "without the node's key the index cannot be recomputed");
        assertTrue(RecordCipher.NONE.subjectIndex("X").equals("X"));
    }
}
