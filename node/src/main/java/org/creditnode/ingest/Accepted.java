package org.creditnode.ingest;

/** An accepted record: its place in the submitted batch and the identity the origin gave it. */
public record Accepted(int index, String id, int version) {
}
