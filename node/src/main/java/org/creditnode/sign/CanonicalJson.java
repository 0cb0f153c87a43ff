package org.creditnode.sign;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes that are hashed and signed.
 * Objects sorted by the UTF-16 code units of member names ({@link String#compareTo} order),
 * no whitespace, minimal string escaping, numbers as ECMAScript's Number.prototype.toString.
 *
 * <p>Every Jackson number node is treated as the IEEE-754 double it denotes, as JCS requires;
 * integers beyond 2^53 and decimals therefore lose precision exactly as they would in a browser.
 * Invalid input (NaN, Infinity, lone surrogates, binary/POJO nodes) is rejected with
 * {@link IllegalArgumentException} rather than signed in some ad-hoc form.
 */
public final class CanonicalJson {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** Buffers above this are not kept per thread, so one huge document does not pin memory. */
    private static final int MAX_RETAINED = 1 << 20;
    private static final ThreadLocal<Out> BUFFERS = ThreadLocal.withInitial(() -> new Out(4096));

    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of {@code node}. */
    public static byte[] encode(JsonNode node) {
        Out out = BUFFERS.get();
        out.len = 0;
        try {
            write(node, out);
            return Arrays.copyOf(out.buf, out.len);
        } finally {
            if (out.buf.length > MAX_RETAINED) {
                BUFFERS.remove();
            }
        }
    }

    public static String encodeToString(JsonNode node) {
        return new String(encode(node), StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, Out out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out);
            case ARRAY -> {
                out.put((byte) '[');
                for (int i = 0, n = node.size(); i < n; i++) {
                    if (i > 0) {
                        out.put((byte) ',');
                    }
                    write(node.get(i), out);
                }
                out.put((byte) ']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> writeNumber(node, out);
            case BOOLEAN -> out.put(node.booleanValue() ? TRUE : FALSE);
            case NULL -> out.put(NULL);
            default -> throw new IllegalArgumentException("not representable in JSON: " + node.getNodeType());
        }
    }

    private static void writeObject(JsonNode node, Out out) {
        String[] names = new String[node.size()];
        int i = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names[i++] = it.next();
        }
        Arrays.sort(names); // String order is UTF-16 code unit order, exactly what JCS asks for
        out.put((byte) '{');
        for (i = 0; i < names.length; i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            writeString(names[i], out);
            out.put((byte) ':');
            write(node.get(names[i]), out);
        }
        out.put((byte) '}');
    }

    /** JCS string: escape only '"', '\\' and C0 controls; everything else is raw UTF-8. */
    private static void writeString(String s, Out out) {
        int n = s.length();
        out.ensure(3 * n + 2); // UTF-8 never needs more than 3 bytes per UTF-16 unit
        byte[] b = out.buf;
        int pos = out.len;
        b[pos++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[pos++] = (byte) c;
                    continue;
                }
                out.len = pos;
                out.ensure(6 + 3 * (n - i)); // an escape is at most 6 bytes
                b = out.buf;
                b[pos++] = '\\';
                switch (c) {
                    case '"' -> b[pos++] = '"';
                    case '\\' -> b[pos++] = '\\';
                    case '\b' -> b[pos++] = 'b';
                    case '\t' -> b[pos++] = 't';
                    case '\n' -> b[pos++] = 'n';
                    case '\f' -> b[pos++] = 'f';
                    case '\r' -> b[pos++] = 'r';
                    default -> {
                        b[pos++] = 'u';
                        b[pos++] = '0';
                        b[pos++] = '0';
                        b[pos++] = HEX[c >> 4];
                        b[pos++] = HEX[c & 0xF];
                    }
                }
            } else if (c < 0x800) {
                b[pos++] = (byte) (0xC0 | (c >> 6));
                b[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                char low = i + 1 < n ? s.charAt(i + 1) : 0;
                if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(low)) {
                    throw new IllegalArgumentException("lone surrogate in string at index " + i);
                }
                int cp = Character.toCodePoint(c, low);
                i++;
                b[pos++] = (byte) (0xF0 | (cp >> 18));
                b[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                b[pos++] = (byte) (0xE0 | (c >> 12));
                b[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[pos++] = '"';
        out.len = pos;
    }

    private static void writeNumber(JsonNode node, Out out) {
        if (node.canConvertToLong() && node.isIntegralNumber()) {
            long l = node.longValue();
            if (l >= -EcmaNumber.MAX_SAFE_INTEGER && l <= EcmaNumber.MAX_SAFE_INTEGER) { // exact as a double: plain digits
                out.putAscii(Long.toString(l));
                return;
            }
        }
        out.putAscii(EcmaNumber.toString(node.doubleValue()));
    }

    /** Growable byte buffer; reused per thread to avoid re-growing for every record. */
    private static final class Out {
        byte[] buf;
        int len;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        void put(byte b) {
            ensure(1);
            buf[len++] = b;
        }

        void put(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, len, bytes.length);
            len += bytes.length;
        }

        void putAscii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }
    }
}
