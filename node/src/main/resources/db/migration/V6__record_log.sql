-- The committed-record log: every record the node stores, its own or a neighbour's, gets the next
-- log number in the transaction that stores it. Numbers are taken under a lock on log_head held
-- until commit, so log order is commit order and a reader never sees a later number before an
-- earlier one has committed. Consumers (each federation link's enqueuer first; matching,
-- disputes, subscriptions and statistics next) keep their own durable cursor into it.
ALTER TABLE credit_record ADD COLUMN log_no BIGINT;
UPDATE credit_record SET log_no = row_no;
CREATE UNIQUE INDEX ux_record_log_no ON credit_record (log_no);

CREATE TABLE log_head (
    id          INT    NOT NULL PRIMARY KEY,
    last_log_no BIGINT NOT NULL
);
INSERT INTO log_head (id, last_log_no) SELECT 1, COALESCE(MAX(log_no), 0) FROM credit_record;

-- One row per consumer: how far it has handled the log, and which instance holds its lease
-- (several instances of one node share the work through these rows, not through a JVM lock).
CREATE TABLE log_cursor (
    consumer    VARCHAR(64) NOT NULL PRIMARY KEY,
    position    BIGINT      NOT NULL,
    lease_owner VARCHAR(400),
    lease_until BIGINT      NOT NULL
);
-- Records stored before this migration were queued to their links when they were stored.
INSERT INTO log_cursor (consumer, position, lease_owner, lease_until) SELECT 'links', last_log_no, NULL, 0 FROM log_head;
