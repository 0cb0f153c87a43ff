package org.creditnode.account;

/** Roles on the admin listener. */
public enum OperatorRole {
    /** Everything the admin API offers. */
    OPERATOR,
    /** Read-only: links, origins, the audit log and the query log; may verify the audit chain. */
    AUDITOR
}
