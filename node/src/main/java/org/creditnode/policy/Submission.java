package org.creditnode.policy;

import java.util.Set;

/**
 * Context of {@link Scope#SUBMIT}: one record of a department's batch — the account that sent it,
 * what the account may report, and what the record claims.
 */
public record Submission(String account, Set<String> accountAuthorities, Set<String> accountCategories,
                         String authorityCode, String category) {
}
