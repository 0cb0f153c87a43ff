-- Sanctions workflows (issue 11).
-- The list-expiry job finds this origin's own entries whose validity ended.
CREATE INDEX ix_match_expiry ON match_entry (origin, valid_to);

-- 部门类型 of a department account (as measure lists name implementers: 市场监管, 税务 ...), so
-- that a joint action can name its implementers by type as well as by authority code.
ALTER TABLE account ADD COLUMN department_type VARCHAR(40);

-- Joint actions (发起 → 响应 → 反馈) as this node sees them, kept by the "joint-actions" consumer
-- of the committed-record log from the JOINT_ACTION records it holds (its own and its
-- neighbours'): a projection, rebuilt from the records if lost. Ids are record ids.
CREATE TABLE joint_action (
    id             VARCHAR(40)   NOT NULL PRIMARY KEY,  -- the INITIATE record
    origin         VARCHAR(12)   NOT NULL,
    list_record_id VARCHAR(40)   NOT NULL,
    initiator      VARCHAR(18)   NOT NULL,              -- the initiating authority (USCC)
    initiator_name VARCHAR(200),
    measures       VARCHAR(2000) NOT NULL,              -- measure ids, comma separated
    respond_by     DATE          NOT NULL,
    initiated_on   DATE          NOT NULL
);
CREATE INDEX ix_joint_action_list ON joint_action (list_record_id);
CREATE INDEX ix_joint_action_initiator ON joint_action (initiator);

-- Who must respond: "USCC:<code>" or "TYPE:<部门类型>" or "TYPE:<部门类型>@<node>".
CREATE TABLE joint_action_assignment (
    action_id   VARCHAR(40) NOT NULL,
    assignment  VARCHAR(80) NOT NULL,
    PRIMARY KEY (action_id, assignment)
);
CREATE INDEX ix_joint_assignment ON joint_action_assignment (assignment);

CREATE TABLE joint_action_response (
    action_id      VARCHAR(40)   NOT NULL,
    implementer    VARCHAR(18)   NOT NULL,              -- the responding authority (USCC)
    implementer_name VARCHAR(200),
    node           VARCHAR(12)   NOT NULL,              -- where it responded (the record's origin)
    fulfils        VARCHAR(4000) NOT NULL,              -- the assignments it answers, comma separated
    decision       VARCHAR(16)   NOT NULL,              -- ACCEPTED | NOT_APPLICABLE
    reason         VARCHAR(1000),
    responded_on   DATE          NOT NULL,
    record_id      VARCHAR(40)   NOT NULL,
    PRIMARY KEY (action_id, implementer)
);

CREATE TABLE joint_action_feedback (
    action_id      VARCHAR(40)   NOT NULL,
    implementer    VARCHAR(18)   NOT NULL,
    measure        VARCHAR(40)   NOT NULL,
    applied        VARCHAR(16)   NOT NULL,              -- APPLIED | NOT_APPLIED
    applied_date   DATE,
    doc_no         VARCHAR(128),
    effect         VARCHAR(1000),
    reported_on    DATE          NOT NULL,
    record_id      VARCHAR(40)   NOT NULL,
    PRIMARY KEY (action_id, implementer, measure)
);

-- Measure lists published by a node above in signed MEASURE_LIST records: which records hold
-- them, so that a restarted node applies them again without re-reading the whole log.
CREATE TABLE measure_list_version (
    record_id    VARCHAR(40)  NOT NULL PRIMARY KEY,
    origin       VARCHAR(12)  NOT NULL,
    label        VARCHAR(200) NOT NULL,
    applies_from DATE         NOT NULL
);
