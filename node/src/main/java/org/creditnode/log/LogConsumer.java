package org.creditnode.log;

import org.creditnode.store.RecordLog;

import java.util.List;

/**
 * Something that reacts to stored records: each federation link's feeder now, the matching index,
 * dispute overlay, subscriptions and statistics next. It sees every committed record once in log
 * order under normal operation, and may see the entries after its last written position again
 * after a crash or a takeover by another instance: handling must be idempotent.
 */
public interface LogConsumer {
    /** The cursor's name: stable across restarts and equal on every instance of the node. */
    String name();

    /** Handles entries in log order; an exception leaves the position where it was, to be retried. */
    void handle(List<RecordLog.Entry> entries) throws Exception;

    /**
     * Whether the thread that has just committed records may run this consumer before its request
     * answers (see {@link LogConsumers#drain()}). False for work that need not be current within
     * milliseconds, such as statistics — and always for a consumer that itself commits records
     * (acknowledgements, status changes): it would wait on the very thread that has to commit them.
     */
    default boolean runsOnCommit() { return true; }
}
