-- Subscriptions (订单式推送, issue 11): what a department account asked to follow, for which
-- purpose. Subjects are kept only as their keyed index. The subscriber pulls with a cursor (a
-- position in the committed-record log), so one that was away gets everything it missed, once.
CREATE TABLE subscription (
    id           VARCHAR(40)   NOT NULL PRIMARY KEY,
    account      VARCHAR(24)   NOT NULL,
    purpose      VARCHAR(40)   NOT NULL,
    categories   VARCHAR(2000) NOT NULL,
    list_types   VARCHAR(2000) NOT NULL,
    subject_keys VARCHAR(8000) NOT NULL,
    created_at   VARCHAR(40)   NOT NULL,
    cancelled_at VARCHAR(40)
);
