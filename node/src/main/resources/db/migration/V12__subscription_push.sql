-- Subscriptions pushed to an HTTPS callback (订单式推送, issue 11). The push state is durable: the
-- cursor moves only after the callback answered 2xx, so a subscriber that was away gets what it
-- missed, once. A batch that failed maxAttempts times is kept as the dead letter (its log range),
-- and the subscription waits (order per subject) until its account replays it. One instance pushes
-- a subscription at a time: the lease columns, as log_cursor's.
ALTER TABLE subscription ADD COLUMN callback VARCHAR(2000);

CREATE TABLE subscription_push (
    subscription     VARCHAR(40)   NOT NULL PRIMARY KEY,
    cursor_position  BIGINT        NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  BIGINT        NOT NULL,
    last_error       VARCHAR(1000),
    last_attempt_at  VARCHAR(40),
    last_delivery_at VARCHAR(40),
    dead_from        BIGINT,
    dead_to          BIGINT,
    dead_records     INT,
    dead_at          VARCHAR(40),
    lease_owner      VARCHAR(500),
    lease_until      BIGINT        NOT NULL
);
