-- Equivocation: an origin offered two different records under one id and version, or a record
-- whose prevHash does not link to the one before it. One row per origin, kept until an operator
-- clears it: catch-up leaves the origin alone, and
-- admin origins and /health show it as CONFLICT at seq N.
CREATE TABLE origin_conflict (
    origin       VARCHAR(12)  NOT NULL PRIMARY KEY,
    seq          BIGINT       NOT NULL,
    record_id    VARCHAR(40)  NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    held_hash    VARCHAR(128),
    offered_hash VARCHAR(128),
    reported_by  VARCHAR(12),
    detected_at  VARCHAR(40)  NOT NULL
);
