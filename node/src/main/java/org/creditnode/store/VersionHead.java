package org.creditnode.store;

/** The newest version of a record a node holds, and its hash: what the origin's next version of it builds on. */
public record VersionHead(int version, String hash) {
}
