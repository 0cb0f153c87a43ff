package org.creditnode.access;

import org.creditnode.sign.HashAlgorithm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Bearer secrets (department API keys, operator tokens): {@code <prefix>.<id>.<secret>}, 256
 * random bits of secret. The id finds the holder in one indexed read; only the SM3 hash of the
 * secret is stored, compared in constant time. A high-entropy secret needs no slow hash.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final String ID_PATTERN = "[a-z2-9]{12}";

    public record Parsed(String prefix, String id, String secret) {
    }

    public record Issued(String id, String token, String hash) {
    }

    private Secrets() {
    }

    /** A new holder id and its bearer token. */
    public static Issued issue(String prefix) {
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String s = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(id.toString(), prefix + "." + id + "." + s, hash(s));
    }

    public static String hash(String secret) {
        return HexFormat.of().formatHex(HashAlgorithm.SM3.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    public static boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The parts of a token of the given prefix, or empty if it does not have that shape. */
    public static Optional<Parsed> parse(String token, String prefix) {
        if (token == null) return Optional.empty();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(prefix) || !parts[1].matches(ID_PATTERN) || parts[2].length() != 43) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(parts[0], parts[1], parts[2]));
    }

    /** The holder id a token of any prefix names (never its secret), for audit entries; null if it has no token's shape. */
    public static String holderId(String token) {
        if (token == null) return null;
        String[] parts = token.split("\\.", -1);
        return parts.length == 3 && parts[1].matches(ID_PATTERN) ? parts[1] : null;
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    public static String bearer(String header) {
        if (header == null) return null;
        String h = header.trim();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return h.substring(7).trim();
    }
}
