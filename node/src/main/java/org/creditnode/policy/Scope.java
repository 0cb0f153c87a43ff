package org.creditnode.policy;

/**
 * Where a policy is asked. Each scope has its own context type and its own named functions;
 * a decision in a scope is permitted only when every function registered for it permits.
 */
public enum Scope {
    /** May this record be pushed to that link? Context: {@link LinkPush}. */
    LINK_PUSH,
    /** May this neighbour send this node a record of that category? Context: {@link LinkRead}. */
    LINK_READ,
    /** May this caller call that federation operation? Context: {@link Caller}. */
    CALLER,
    /** May the public see this record now? Context: {@link PublicView}. */
    PUBLIC_VIEW,
    /** May this department account submit this record? Context: {@link Submission}. */
    SUBMIT,
    /** May this account read a record of this category for this purpose? Context: {@link PurposeRead}. */
    PURPOSE_READ,
    /** May this account decide on that pending record? Context: {@link Review}. */
    REVIEW,
    /** Does this list entry count in a check today? Context: {@link MatchRules.Entry}. */
    MATCH_ENTRY,
    /** Does this measure apply to a check for that purpose today? Context: {@link MatchRules.Measure}. */
    MATCH_MEASURE,
    /** May this account (or the node's own job) issue this later version of a record? Context: {@link Revise}. */
    REVISE,
    /** May this alliance partner ask this node about a subject, for that purpose and those categories? Context: {@link AllianceQuery}. */
    ALLIANCE_QUERY,
    /** What of this record may an alliance partner see, and which fields are withheld? Context: {@link AllianceRecord}. */
    ALLIANCE_RECORD,
    /** Does a partner's list entry count in this node's matching, under this alliance? Context: {@link AllianceRecognise}. */
    ALLIANCE_RECOGNISE
}
