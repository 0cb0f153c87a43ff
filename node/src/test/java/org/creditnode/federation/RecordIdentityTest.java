package org.creditnode.federation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which ids a signed record may carry: a first version its own seq, a later one an earlier record of the same origin. */
class RecordIdentityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode revises(int version) {
        ObjectNode r = JSON.createObjectNode();
        r.put("version", version);
        r.put("hash", "ab".repeat(32));
        return r;
    }

    @Test
    void firstVersionsAreOriginDashSeq() {
        assertDoesNotThrow(() -> RecordVerifier.checkIdentity("360000-5", "360000", 5, 1, null));
        assertThrows(IllegalArgumentException.class, () -> RecordVerifier.checkIdentity("360000-4", "360000", 5, 1, null));
    }

    @Test
    void laterVersionsKeepAnEarlierIdOfTheSameOriginAndNameWhatTheyRevise() {
        assertDoesNotThrow(() -> RecordVerifier.checkIdentity("360000-5", "360000", 9, 2, revises(1)));
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> RecordVerifier.checkIdentity("360404-5", "360000", 9, 2, revises(1)));
        assertTrue(foreign.getMessage().contains("only a record's origin"), foreign.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecordVerifier.checkIdentity("360000-9", "360000", 9, 2, revises(1)));
        assertThrows(IllegalArgumentException.class, () -> RecordVerifier.checkIdentity("360000-5", "360000", 9, 3, revises(1)));
        assertThrows(IllegalArgumentException.class, () -> RecordVerifier.checkIdentity("360000-5", "360000", 9, 2, null));
    }
}
