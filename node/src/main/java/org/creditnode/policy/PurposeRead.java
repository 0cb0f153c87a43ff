package org.creditnode.policy;

import java.util.Set;

/**
 * Context of {@link Scope#PURPOSE_READ}: a department account reading a record of {@code category}
 * for {@code purpose}; {@code purposeCategories} is null when the purpose is not configured.
 */
public record PurposeRead(String account, Set<String> accountPurposes, String purpose, Set<String> purposeCategories,
                          String category) {
}
