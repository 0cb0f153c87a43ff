package org.creditnode.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HashAlgorithmTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void sm3VectorsOfDataSpec() {
        assertEquals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
                hex(HashAlgorithm.SM3.digest(ascii("abc"))));
        assertEquals("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
                hex(HashAlgorithm.SM3.digest(ascii("abcd".repeat(16)))));
        // parts are concatenated
        assertEquals("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
                hex(HashAlgorithm.SM3.digest(ascii("abcd".repeat(5)), new byte[0], ascii("abcd".repeat(11)))));
    }

    @Test
    void sha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                hex(HashAlgorithm.SHA256.digest(ascii("abc"))));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                hex(HashAlgorithm.SHA256.digest()));
    }

    @Test
    void jcaNamesResolve() throws Exception {
        for (HashAlgorithm h : HashAlgorithm.values()) {
            MessageDigest md = MessageDigest.getInstance(h.jcaName(), Providers.ensure());
            assertArrayEquals(md.digest(ascii("credit")), h.digest(ascii("credit")));
            assertEquals(h.digestLength(), md.getDigestLength());
        }
    }

    @Test
    void wireNames() {
        assertEquals("SM3", HashAlgorithm.SM3.wireName());
        assertEquals("SHA-256", HashAlgorithm.SHA256.wireName());
        assertEquals(HashAlgorithm.SHA256, HashAlgorithm.fromWireName("SHA-256"));
        assertEquals(HashAlgorithm.SM3, HashAlgorithm.fromWireName("SM3"));
        assertThrows(IllegalArgumentException.class, () -> HashAlgorithm.fromWireName("sha256"));
    }
}
