-- Summaries kept up to date in the same transaction as each insert, so that the questions a node
-- is asked every few seconds (catch-up watermarks, operator views) never scan the record table.
ALTER TABLE origin_head ADD COLUMN highest_seq BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE origin_head ADD COLUMN record_count BIGINT DEFAULT 0 NOT NULL;
UPDATE origin_head SET
    highest_seq = COALESCE((SELECT MAX(seq) FROM credit_record r WHERE r.origin = origin_head.origin), 0),
    record_count = (SELECT COUNT(*) FROM credit_record r WHERE r.origin = origin_head.origin);

-- Highest sequence number held per origin, category and arrival link ('' = this node's own).
CREATE TABLE seq_group (
    origin   VARCHAR(12) NOT NULL,
    category VARCHAR(40) NOT NULL,
    via      VARCHAR(12) NOT NULL,
    max_seq  BIGINT      NOT NULL,
    PRIMARY KEY (origin, category, via)
);
INSERT INTO seq_group (origin, category, via, max_seq)
    SELECT origin, category, COALESCE(via, ''), MAX(seq) FROM credit_record GROUP BY origin, category, COALESCE(via, '');

-- Paging uses ix_record_subject; nothing reads row_no alone or (origin, via, seq).
DROP INDEX ux_record_row_no;
DROP INDEX ix_record_origin_via;
