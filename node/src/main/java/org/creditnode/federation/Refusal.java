package org.creditnode.federation;

/** Why a received record was refused, in the order {@link RecordVerifier} checks. */
public enum Refusal {
    /** Not a record: unparsable or non-canonical text, missing fields, unknown algorithm, bad base64. */
    MALFORMED,
    /** {@code hash} is not H(canonical). */
    BAD_HASH,
    /** The signing certificate does not chain to the federation's signing anchors. */
    UNTRUSTED_CERT,
    /** The signing certificate belongs to another node than the record's origin. */
    NOT_ORIGIN,
    /** {@code keyId} or {@code sigAlg} does not match the signing certificate's key. */
    KEY_MISMATCH,
    BAD_SIGNATURE,
    /** The Merkle inclusion proof does not lead to the signed batch root. */
    BAD_PROOF
}
