package org.creditnode.ingest;

/**
 * An accepted record: its place in the submitted batch and the identity the origin gave it; or,
 * where the category needs a reviewer, the review's id and status PENDING_REVIEW.
 */
public record Accepted(int index, String id, int version, String status) {
    public static final String ACCEPTED = "ACCEPTED";
    public static final String PENDING_REVIEW = "PENDING_REVIEW";
}
