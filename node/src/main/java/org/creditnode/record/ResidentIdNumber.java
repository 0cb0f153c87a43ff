package org.creditnode.record;

import java.time.LocalDate;

/**
 * The resident identity number (公民身份号码, GB 11643-1999), 18 characters: region of the
 * registered residence (6), birth date YYYYMMDD (8), sequence (3, odd = male), check character
 * (ISO 7064 MOD 11-2; 'X' stands for 10). See DATA-SPEC.md §2.
 *
 * <p>Checks, in order; the first failure is reported: FORMAT (17 digits then a digit or
 * upper-case X), CHECKSUM, DATE (a real calendar date, not before 1880, not after today),
 * REGION (identifier rule of {@link RegionCodes#checkIssuer}). Messages never repeat the number
 * or the birth date: this is personal data.
 */
public final class ResidentIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";
    /** Nobody this old is still the subject of new records; earlier years are typing errors. */
    private static final int EARLIEST_BIRTH_YEAR = 1880;

    private ResidentIdNumber() {
    }

    /**
     * Full check against the region table (null skips the region test) as of {@code today}
     * (the birth date must not lie after it).
     */
    public static CodeCheck check(String id, RegionCodes regions, LocalDate today) {
        if (id == null) return CodeCheck.fail("FORMAT", "an ID number is required");
        if (id.length() != 18) return CodeCheck.fail("FORMAT", "must be 18 characters, got " + id.length());
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return CodeCheck.fail("FORMAT", "position " + (i + 1) + " must be a digit");
            }
        }
        char last = id.charAt(17);
        if (!(last >= '0' && last <= '9' || last == 'X')) {
            return CodeCheck.fail("FORMAT", "position 18 must be a digit or upper-case X"
                    + (last == 'x' ? " (got lower-case x)" : ""));
        }
        char expected = check17(id);
        if (last != expected) {
            return CodeCheck.fail("CHECKSUM", "check character should be " + expected + ", got " + last);
        }
        CodeCheck birth = checkBirthDate(id, today);
        if (!birth.valid()) return birth;
        if (regions != null) {
            CodeCheck region = regions.checkIssuer(id.substring(0, 6), false);
            if (!region.valid()) return CodeCheck.fail(region.code(), "region part (positions 1-6): " + region.message());
        }
        return CodeCheck.VALID;
    }

    /**
     * The check character for 17 digits; lets tests and sample generators build valid numbers.
     *
     * @throws IllegalArgumentException if {@code first17} is not 17 digits
     */
    public static String checkCharFor(String first17) {
        if (first17 == null || first17.length() != 17) throw new IllegalArgumentException("need 17 digits");
        for (int i = 0; i < 17; i++) {
            char c = first17.charAt(i);
            if (c < '0' || c > '9') throw new IllegalArgumentException("need 17 digits");
        }
        return String.valueOf(check17(first17));
    }

    /**
     * The form used in logs and messages: the first 6 characters (region of registration, not
     * personal) and the last 4 are kept, the 8 between (the birth date in an 18-character
     * number) become '*': {@code 360404********0017}. Shorter or odd input keeps less: under 15
     * characters everything is masked, so no partial birth date leaks from a malformed value.
     */
    public static String mask(String id) {
        if (id == null) return "";
        int n = id.length();
        StringBuilder sb = new StringBuilder(n);
        if (n < 15) {
            sb.append("*".repeat(n));
        } else {
            sb.append(id, 0, 6).append("*".repeat(n - 10)).append(id, n - 4, n);
        }
        return sb.toString();
    }

    private static char check17(CharSequence id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (id.charAt(i) - '0') * WEIGHTS[i];
        return CHECK_CHARS.charAt(sum % 11);
    }

    private static CodeCheck checkBirthDate(String id, LocalDate today) {
        int year = IsoDates.digits(id, 6, 4);
        int month = IsoDates.digits(id, 10, 2);
        int day = IsoDates.digits(id, 12, 2);
        if (!IsoDates.isValid(year, month, day)) {
            return CodeCheck.fail("DATE", "birth date (positions 7-14) is not a calendar date");
        }
        if (year < EARLIEST_BIRTH_YEAR) {
            return CodeCheck.fail("DATE", "birth year (positions 7-10) before " + EARLIEST_BIRTH_YEAR);
        }
        if (today != null && LocalDate.of(year, month, day).isAfter(today)) {
            return CodeCheck.fail("DATE", "birth date (positions 7-14) lies in the future");
        }
        return CodeCheck.VALID;
    }
}
