package org.creditnode.record;

import java.util.Set;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015), 18 characters:
 * registration authority (1), organisation type (1), region of the registration authority (6),
 * organisation code per GB 11714 (8 + its check character at position 17), check character (18).
 * See DATA-SPEC.md §1.
 *
 * <p>Checks, in order; the first failure is reported:
 * FORMAT (length and character set: digits and upper-case letters without I, O, S, V, Z;
 * positions 3-8 digits), CHECKSUM (position 18), ORG_CODE_CHECKSUM (position 17), REGION
 * (positions 3-8, identifier rule of {@link RegionCodes#checkIssuer}). Codes on the legacy
 * allow-list skip both check-character tests: early pilot regions issued codes that fail them
 * and are nevertheless in use (DATA-SPEC §1.3 caveat).
 *
 * <p>Input must already be canonical (upper case, no spaces): the code is stored and signed as
 * submitted, so a lenient reading here would let two spellings of one subject in.
 */
public final class UnifiedSocialCreditCode {

    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS_18 = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] WEIGHTS_17 = {3, 7, 9, 10, 5, 8, 4, 2};
    /** Value of each ASCII character in the 31-character set, -1 when not allowed. */
    private static final int[] VALUE_31 = new int[128];

    static {
        java.util.Arrays.fill(VALUE_31, -1);
        for (int i = 0; i < CHARSET.length(); i++) VALUE_31[CHARSET.charAt(i)] = i;
    }

    private UnifiedSocialCreditCode() {
    }

    /** Format and both check characters; no region or allow-list (for callers without a region table). */
    public static CodeCheck check(String code) {
        return check(code, null, Set.of());
    }

    /** Format, check characters and region. */
    public static CodeCheck check(String code, RegionCodes regions) {
        return check(code, regions, Set.of());
    }

    /**
     * Full check.
     *
     * @param regions         region table, or null to skip the region test
     * @param legacyAllowList codes accepted although a check character does not match
     */
    public static CodeCheck check(String code, RegionCodes regions, Set<String> legacyAllowList) {
        CodeCheck format = checkFormat(code);
        if (!format.valid()) return format;
        if (!legacyAllowList.contains(code)) {
            char expected18 = check18(code);
            if (code.charAt(17) != expected18) {
                return CodeCheck.fail("CHECKSUM", "check character (position 18) should be " + expected18
                        + ", got " + code.charAt(17));
            }
            char expected17 = orgCodeCheck(code, 8);
            if (code.charAt(16) != expected17) {
                return CodeCheck.fail("ORG_CODE_CHECKSUM", "organisation code check character (position 17, GB 11714) should be "
                        + expected17 + ", got " + code.charAt(16));
            }
        }
        if (regions != null) {
            CodeCheck region = regions.checkIssuer(code.substring(2, 8), true);
            if (!region.valid()) {
                return CodeCheck.fail(region.code(), "region part (positions 3-8): " + region.message());
            }
        }
        return CodeCheck.VALID;
    }

    /**
     * The check character (position 18) for the first 17 characters; lets tests and sample
     * generators build valid codes.
     *
     * @throws IllegalArgumentException if {@code first17} is not 17 characters of the code's set
     */
    public static String checkCharFor(String first17) {
        if (first17 == null || first17.length() != 17) {
            throw new IllegalArgumentException("need the first 17 characters, got " + (first17 == null ? "null" : first17.length()));
        }
        for (int i = 0; i < 17; i++) {
            if (value31(first17.charAt(i)) < 0) {
                throw new IllegalArgumentException("character '" + first17.charAt(i) + "' at position " + (i + 1) + " is not allowed");
            }
        }
        return String.valueOf(check18(first17));
    }

    /** The GB 11714 check character (position 17) for the 8-character organisation code body (positions 9-16). */
    public static String orgCodeCheckCharFor(String body8) {
        if (body8 == null || body8.length() != 8) throw new IllegalArgumentException("need 8 characters");
        for (int i = 0; i < 8; i++) {
            char c = body8.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) throw new IllegalArgumentException("character '" + c + "' is not allowed");
        }
        return String.valueOf(orgCodeCheck(body8, 0));
    }

    private static CodeCheck checkFormat(String code) {
        if (code == null) return CodeCheck.fail("FORMAT", "a unified social credit code is required");
        if (code.length() != 18) {
            return CodeCheck.fail("FORMAT", "must be 18 characters, got " + code.length());
        }
        for (int i = 0; i < 18; i++) {
            char c = code.charAt(i);
            boolean digitPart = i >= 2 && i < 8;
            if (digitPart ? (c < '0' || c > '9') : value31(c) < 0) {
                return CodeCheck.fail("FORMAT", "character '" + c + "' at position " + (i + 1) + " is not allowed: "
                        + (digitPart ? "positions 3-8 are digits (region code)"
                        : "use digits and upper-case letters except I, O, S, V, Z"));
            }
        }
        return CodeCheck.VALID;
    }

    private static int value31(char c) {
        return c < 128 ? VALUE_31[c] : -1;
    }

    private static char check18(CharSequence code) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += VALUE_31[code.charAt(i)] * WEIGHTS_18[i];
        return CHARSET.charAt((31 - sum % 31) % 31);
    }

    /** GB 11714 over positions 9-16; letters count 10-35 in the full alphabet (I and O included). */
    private static char orgCodeCheck(CharSequence s, int offset) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = s.charAt(offset + i);
            int v = c <= '9' ? c - '0' : c - 'A' + 10;
            sum += v * WEIGHTS_17[i];
        }
        int r = (11 - sum % 11) % 11;
        return r == 10 ? 'X' : (char) ('0' + r);
    }
}
