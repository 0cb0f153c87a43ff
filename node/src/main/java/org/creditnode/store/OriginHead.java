package org.creditnode.store;

/** The end of an origin's chain: the last sequence number issued and that record's hash. */
public record OriginHead(String origin, long lastSeq, String lastHash) {
    /** The prevHash of an origin's first record: 32 zero bytes, hex. */
    public static final String GENESIS = "0".repeat(64);
}
