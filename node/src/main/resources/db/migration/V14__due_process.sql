-- Due process (issue 12): objections, repairs and holders' acknowledgements as this node sees
-- them, kept by the "due-process" consumer of the committed-record log from the OBJECTION, REPAIR
-- and STATUS_ACK records it holds and from the versions that decide them. A projection: rebuilt
-- from the records if lost. Statements and commitments stay in the (encrypted) records only.
CREATE TABLE objection (
    id             VARCHAR(40)  NOT NULL PRIMARY KEY,   -- the OBJECTION record
    record_id      VARCHAR(40)  NOT NULL,
    record_origin  VARCHAR(12)  NOT NULL,
    raised_at      VARCHAR(12)  NOT NULL,               -- the node it was raised at
    grounds        VARCHAR(24)  NOT NULL,
    received_on    DATE         NOT NULL,
    due_date       DATE         NOT NULL,
    outcome        VARCHAR(16),                          -- UPHELD | CORRECTED | REVOKED once decided
    decided_on     DATE,
    decided_version INT
);
CREATE INDEX ix_objection_record ON objection (record_id);

CREATE TABLE repair (
    id             VARCHAR(40)  NOT NULL PRIMARY KEY,   -- the REPAIR record
    record_id      VARCHAR(40)  NOT NULL,
    record_origin  VARCHAR(12)  NOT NULL,
    raised_at      VARCHAR(12)  NOT NULL,
    received_on    DATE         NOT NULL,
    eligible_from  DATE         NOT NULL,
    rule_set       VARCHAR(40)  NOT NULL,
    outcome        VARCHAR(16),                          -- GRANTED | REFUSED once decided
    decided_on     DATE,
    decided_version INT
);
CREATE INDEX ix_repair_record ON repair (record_id);

-- Which holder applied which version of which record (STATUS_ACK records, and the origin itself).
CREATE TABLE status_ack (
    record_id   VARCHAR(40) NOT NULL,
    version     INT         NOT NULL,
    holder      VARCHAR(12) NOT NULL,
    applied_on  DATE        NOT NULL,
    PRIMARY KEY (record_id, version, holder)
);
-- Every node known to hold an origin's records of a category (from its acknowledgements): the
-- holders a status change of such a record must reach.
CREATE TABLE known_holder (
    origin      VARCHAR(12) NOT NULL,
    category    VARCHAR(40) NOT NULL,
    holder      VARCHAR(12) NOT NULL,
    PRIMARY KEY (origin, category, holder)
);
