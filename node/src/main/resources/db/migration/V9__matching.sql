-- The matching index (issue 11): every list entry this node holds (own, inherited, received), by
-- the subject it is about and by the responsible persons it names, kept by the "matching"
-- consumer of the committed-record log. subject_key is stored as the record store stores subjects:
-- an organisation's code as it is, a person's ID number only as its keyed index.
CREATE TABLE match_entry (
    subject_key   VARCHAR(80)  NOT NULL,
    record_id     VARCHAR(40)  NOT NULL,
    version       INT          NOT NULL,
    role          VARCHAR(12)  NOT NULL,   -- SUBJECT | RESPONSIBLE
    origin        VARCHAR(12)  NOT NULL,
    seq           BIGINT       NOT NULL,
    category      VARCHAR(40)  NOT NULL,
    list_type     VARCHAR(40),
    status        VARCHAR(16)  NOT NULL,
    decision_date DATE,
    valid_from    DATE,
    valid_to      DATE,
    PRIMARY KEY (subject_key, record_id)
);
CREATE INDEX ix_match_record ON match_entry (record_id);
