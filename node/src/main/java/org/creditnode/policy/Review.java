package org.creditnode.policy;

import java.util.Set;

/** Context of {@link Scope#REVIEW}: an account deciding on a record another account submitted. */
public record Review(String reviewer, boolean reviewerHoldsRole, Set<String> reviewerAuthorities, String submitter, String authority) {
}
