package org.creditnode.record;

/**
 * One problem with a submitted record.
 *
 * @param field   path inside the record: {@code subject.code}, {@code fields.CF_NR_FK},
 *                {@code decisionDate}; {@code record} for the record as a whole
 * @param code    machine-readable reason (REQUIRED, TYPE, FORMAT, CHECKSUM, ...)
 * @param message English, names the expected value, never a full ID number
 */
public record FieldError(String field, String code, String message) {
}
