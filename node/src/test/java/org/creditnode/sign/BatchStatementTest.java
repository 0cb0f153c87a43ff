package org.creditnode.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BatchStatementTest {

    private static final byte[] ROOT = HexFormat.of().parseHex(
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");

    @Test
    void canonicalBytesAreSortedCompactJson() {
        BatchStatement s = new BatchStatement("360404", "b-2026-11-23-0001", 5, ROOT, "2026-11-23T10:15:30+08:00");
        assertEquals("{\"batchId\":\"b-2026-11-23-0001\",\"origin\":\"360404\","
                        + "\"rootHash\":\"Zsfw9GLu7dnR8tRr3BDk4kFnxIdc8veiKX2gK49LqOA=\","
                        + "\"signedAt\":\"2026-11-23T10:15:30+08:00\",\"treeSize\":5}",
                new String(s.canonicalBytes(), StandardCharsets.UTF_8));
        BatchStatement back = BatchStatement.parse(s.canonicalBytes());
        assertEquals(s, back);
        assertArrayEquals(s.canonicalBytes(), back.canonicalBytes());
    }

    @Test
    void immutableAndValidated() {
        byte[] root = ROOT.clone();
        BatchStatement s = new BatchStatement("o", "b", 1, root, "t");
        root[0] ^= 1;
        s.rootHash()[1] ^= 1;
        assertArrayEquals(ROOT, s.rootHash());
        assertThrows(IllegalArgumentException.class, () -> new BatchStatement("o", "b", 0, ROOT, "t"));
        assertThrows(IllegalArgumentException.class, () -> new BatchStatement("o", "b", 1L << 53, ROOT, "t"));
        assertThrows(NullPointerException.class, () -> new BatchStatement(null, "b", 1, ROOT, "t"));
        assertThrows(IllegalArgumentException.class, () -> BatchStatement.parse("[1]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> BatchStatement.parse(
                "{\"origin\":\"o\",\"batchId\":\"b\",\"treeSize\":\"5\",\"rootHash\":\"AA==\",\"signedAt\":\"t\"}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> BatchStatement.parse("nope".getBytes(StandardCharsets.UTF_8)));
    }
}
