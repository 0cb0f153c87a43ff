package org.creditnode.policy;

import java.util.Set;

/** Context of {@link Scope#CALLER}: a caller holding {@code held} roles asks for an operation open to {@code required}. */
public record Caller(String caller, String operation, Set<Role> held, Set<Role> required) {
}
