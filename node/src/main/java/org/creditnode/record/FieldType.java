package org.creditnode.record;

/** Value types of catalogue fields (catalog.yaml {@code type:}). */
public enum FieldType {
    /** JSON string; {@code maxLength} counts characters (code points), not bytes. */
    STRING,
    /** JSON string from {@code values}; with {@code multi} a separated list of them. */
    ENUM,
    /** JSON string {@code YYYY-MM-DD}. */
    DATE,
    /** JSON number; {@code min}, {@code max}, {@code scale} (digits after the point). */
    DECIMAL,
    /** Unified social credit code, GB 32100. */
    USCC,
    /** Resident ID number, GB 11643. */
    IDNUMBER,
    /** Region code, GB/T 2260, in force on the decision date. */
    REGION
}
