package org.creditnode.federation;

/** Outcome of verifying one record: accepted ({@code code == null}) or refused with a reason. */
public record Verdict(Refusal code, String message) {

    private static final Verdict OK = new Verdict(null, null);

    public static Verdict ok() {
        return OK;
    }

    public static Verdict refuse(Refusal code, String message) {
        return new Verdict(java.util.Objects.requireNonNull(code, "code"), message);
    }

    public boolean isOk() {
        return code == null;
    }
}
