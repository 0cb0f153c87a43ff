package org.creditnode.account;

/** What a department account may do with the records of its authorities (JS15 九(一): 数据管理员和审核员). */
public enum AccountRole {
    /** Submits records; where the catalogue asks for review they wait for a reviewer. */
    SUBMITTER,
    /** Approves or rejects records submitted for the same authority by another account. */
    REVIEWER
}
