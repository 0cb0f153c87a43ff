-- Timeliness and data quality (迟报率 / 错误率 / 漏报率, issue 12 part 5; CS23 §13, JX19 §12).

-- This node's own records as the "quality" consumer of the committed-record log projects them:
-- one row per record (first version only: later versions are status changes, not reports), so a
-- record seen again after a takeover changes nothing. working_days is counted once, at projection,
-- from the holiday calendar; whether that is late is decided when the figures are asked for, so a
-- changed quality.lateAfterWorkingDays applies to old records too.
CREATE TABLE quality_record (
    id             VARCHAR(40)  NOT NULL PRIMARY KEY,
    authority      VARCHAR(18)  NOT NULL,
    category       VARCHAR(40)  NOT NULL,
    decided_on     DATE         NOT NULL,
    received_on    DATE         NOT NULL,   -- date of receipt at this node (Asia/Shanghai)
    working_days   INT          NOT NULL    -- working days after the decision date up to receipt
);
-- Covering indexes: a period's figures read only these, never the rows (PostgreSQL index-only scans).
CREATE INDEX ix_quality_received ON quality_record (received_on, authority, category, working_days);
CREATE INDEX ix_quality_decided ON quality_record (decided_on, authority, category);

-- The name each reporting authority's latest projected record gave it (for the answers' 报送单位名称).
CREATE TABLE quality_authority (
    authority VARCHAR(18)  NOT NULL PRIMARY KEY,
    name      VARCHAR(200) NOT NULL
);

-- Records refused by the catalogue checks at ingest (错误): they have no id and are not kept, so
-- only counted, per authority, category and day of receipt.
CREATE TABLE quality_rejected (
    authority   VARCHAR(18) NOT NULL,
    category    VARCHAR(40) NOT NULL,
    received_on DATE        NOT NULL,
    rejected    BIGINT      NOT NULL,
    PRIMARY KEY (authority, category, received_on)
);

-- Totals an authority declares per month through its account (应报总数), against which 漏报 is counted.
CREATE TABLE quality_declared (
    authority   VARCHAR(18) NOT NULL,
    category    VARCHAR(40) NOT NULL,
    ym          VARCHAR(7)  NOT NULL,      -- YYYY-MM
    total       BIGINT      NOT NULL,
    account     VARCHAR(24) NOT NULL,
    declared_at VARCHAR(40) NOT NULL,
    PRIMARY KEY (authority, category, ym)
);

-- What this node last sent up per authority and month (QUALITY_STATISTICS records): a figure
-- that did not change is not sent again.
CREATE TABLE quality_sent (
    authority    VARCHAR(18)  NOT NULL,
    ym           VARCHAR(7)   NOT NULL,
    content_hash VARCHAR(128) NOT NULL,
    record_id    VARCHAR(40)  NOT NULL,
    PRIMARY KEY (authority, ym)
);

-- Figures of the nodes below, from the QUALITY_STATISTICS records they sent (a projection kept by
-- the "quality" consumer, rebuilt from the records if lost). Per node, authority and month the
-- record with the highest sequence number wins.
CREATE TABLE quality_remote_source (
    node           VARCHAR(12)  NOT NULL,
    authority      VARCHAR(18)  NOT NULL,
    ym             VARCHAR(7)   NOT NULL,
    seq            BIGINT       NOT NULL,
    authority_name VARCHAR(200),
    late_after     INT          NOT NULL,
    record_id      VARCHAR(40)  NOT NULL,
    PRIMARY KEY (node, authority, ym)
);

CREATE TABLE quality_remote_day (
    node        VARCHAR(12) NOT NULL,
    authority   VARCHAR(18) NOT NULL,
    category    VARCHAR(40) NOT NULL,
    received_on DATE        NOT NULL,
    on_time     BIGINT      NOT NULL,
    late        BIGINT      NOT NULL,
    rejected    BIGINT      NOT NULL,
    PRIMARY KEY (node, authority, category, received_on)
);

CREATE TABLE quality_remote_month (
    node      VARCHAR(12) NOT NULL,
    authority VARCHAR(18) NOT NULL,
    category  VARCHAR(40) NOT NULL,
    ym        VARCHAR(7)  NOT NULL,
    declared  BIGINT,                    -- null: nothing declared for that month
    decided   BIGINT      NOT NULL,      -- records decided in that month, received by then
    PRIMARY KEY (node, authority, category, ym)
);
