package org.creditnode.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static String canon(String json) throws Exception {
        return CanonicalJson.encodeToString(MAPPER.readTree(json));
    }

    @Test
    void rfc8785Sample() throws Exception {
        String in = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertEquals(expected, canon(in));
        // The same document parsed with BigDecimals must canonicalise identically.
        ObjectMapper decimals = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        assertEquals(expected, CanonicalJson.encodeToString(decimals.readTree(in)));
    }

    @Test
    void rfc8785PropertySorting() throws Exception {
        String in = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertEquals(expected, canon(in));
    }

    @Test
    void utf8BytesAreRawAndNested() throws Exception {
        String in = "{ \"b\" : [ {\"z\":1, \"y\":{}} , [] ], \"a\": \"失信被执行人 \\ud83d\\ude00\" }";
        byte[] out = CanonicalJson.encode(MAPPER.readTree(in));
        assertArrayEquals("{\"a\":\"失信被执行人 😀\",\"b\":[{\"y\":{},\"z\":1},[]]}".getBytes(StandardCharsets.UTF_8), out);
    }

    @Test
    void controlCharactersAndSlash() {
        StringBuilder s = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            s.append(c);
        }
        s.append("/\u007f\"\\");
        String expected = "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
                + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"
                + "/\u007f\\\"\\\\\"";
        assertEquals(expected, CanonicalJson.encodeToString(F.textNode(s.toString())));
    }

    @Test
    void longStringsGrowTheBuffer() {
        String big = "信".repeat(100_000) + "\n".repeat(10_000);
        String out = CanonicalJson.encodeToString(F.textNode(big));
        assertEquals("\"" + "信".repeat(100_000) + "\\n".repeat(10_000) + "\"", out);
        assertEquals("\"x\"", CanonicalJson.encodeToString(F.textNode("x"))); // buffer reset after growth
    }

    @Test
    void rejectsWhatJcsCannotRepresent() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(F.numberNode(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(F.numberNode(Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(F.textNode("a\ud800b")));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(F.textNode("\udc00")));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(F.binaryNode(new byte[] {1})));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(F.pojoNode(new Object())));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(F.missingNode()));
    }

    /** Jackson's number node kinds all mean the same double. */
    @Test
    void allNumberNodeKinds() {
        assertEquals("42", CanonicalJson.encodeToString(F.numberNode(42)));
        assertEquals("-42", CanonicalJson.encodeToString(F.numberNode(-42L)));
        assertEquals("9007199254740992", CanonicalJson.encodeToString(F.numberNode(9007199254740993L)));
        assertEquals("1e+30", CanonicalJson.encodeToString(F.numberNode(BigInteger.TEN.pow(30))));
        assertEquals("4.5", CanonicalJson.encodeToString(F.numberNode(new BigDecimal("4.50"))));
        assertEquals("5000", CanonicalJson.encodeToString(F.numberNode(new BigDecimal("5000.00"))));
        assertEquals("0", CanonicalJson.encodeToString(F.numberNode(-0.0)));
        assertEquals("0", CanonicalJson.encodeToString(F.numberNode(new BigDecimal("-0.000"))));
        assertEquals("-9223372036854776000", CanonicalJson.encodeToString(F.numberNode(Long.MIN_VALUE)));
        assertEquals("0.5", CanonicalJson.encodeToString(F.numberNode(0.5f)));
    }

    @ParameterizedTest
    @CsvSource({
        // RFC 8785 Appendix B style vectors; every expected string checked against Node.js
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "3eb0c6f7a0b5ed8e, 0.0000010000000000000002",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void rfc8785NumberVectors(String bits, String expected) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertEquals(expected, CanonicalJson.encodeToString(F.numberNode(d)));
    }

    @ParameterizedTest
    @CsvSource({
        "1e21, 1e+21",
        "1e20, 100000000000000000000",
        "0.1, 0.1",
        "5e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "9007199254740993, 9007199254740992",
        "-0.0, 0",
        "123456789012.5, 123456789012.5",
        "0.000001, 0.000001",
        "1e-7, 1e-7",
        "1.5e-7, 1.5e-7",
        "2e-3, 0.002",
        "1E30, 1e+30",
        "-1.25, -1.25",
        "0.30000000000000004, 0.30000000000000004",
        "2e23, 2e+23",
        "1e23, 1e+23",
        "2.0e-3, 0.002",
        "8.41e21, 8.41e+21",
        "5e-7, 5e-7",
        "123e-20, 1.23e-18",
        "4.35, 4.35",
        "1234567.125, 1234567.125",
        "2.2250738585072014E-308, 2.2250738585072014e-308",
        "4.9e-324, 5e-324",
        "1.0E-5, 0.00001",
    })
    void ecmaScriptNumberVectors(String literal, String expected) throws Exception {
        assertEquals(expected, CanonicalJson.encodeToString(F.numberNode(Double.parseDouble(literal))));
        if (!literal.startsWith("-0")) { // also through Jackson's parser
            JsonNode n = MAPPER.readTree(literal);
            assertEquals(expected, CanonicalJson.encodeToString(n));
        }
    }
}
