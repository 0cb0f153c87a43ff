package org.creditnode.account;

import java.time.Instant;

/** A person (or tool) holding a token for the admin listener. */
public record Operator(String id, String name, OperatorRole role, Instant created, Instant revoked) {
}
