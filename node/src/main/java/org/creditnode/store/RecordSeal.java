package org.creditnode.store;

/**
 * How a stored record's origin signed it: alone ({@code signature} over the canonical text), or
 * as leaf {@code leafIndex} of a batch whose root the origin signed ({@code batchId}, with the
 * leaf's inclusion {@code proof}, base64 hashes separated by commas).
 */
public record RecordSeal(String sigAlg, String keyId, String batchId, Integer leafIndex, String proof, String signature) {

    public static RecordSeal alone(String sigAlg, String keyId, String signature) {
        return new RecordSeal(sigAlg, keyId, null, null, null, signature);
    }

    public RecordSeal inBatch(String batch, int leaf, String path) {
        return new RecordSeal(sigAlg, keyId, batch, leaf, path, null);
    }
}
