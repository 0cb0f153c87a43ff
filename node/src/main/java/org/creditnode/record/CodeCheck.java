package org.creditnode.record;

/**
 * Outcome of checking one identifier: {@link #VALID}, or an error code (FORMAT, CHECKSUM,
 * ORG_CODE_CHECKSUM, DATE, REGION) with a message fit to show to the submitter. The valid case
 * is a shared constant so that the happy path allocates nothing.
 */
public record CodeCheck(String code, String message) {

    public static final CodeCheck VALID = new CodeCheck(null, null);

    public static CodeCheck fail(String code, String message) {
        return new CodeCheck(code, message);
    }

    public boolean valid() {
        return code == null;
    }
}
