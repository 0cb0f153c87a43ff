-- Mutual recognition (互认) switched off, or on again, by an operator per alliance, partner and
-- category (issue 13). The alliance file is the default; a row here overrides it, on every
-- instance of the node and after a restart, until an operator switches it back.
CREATE TABLE recognition_switch (
    alliance_id  VARCHAR(64)  NOT NULL,
    partner      VARCHAR(6)   NOT NULL,
    category     VARCHAR(64)  NOT NULL,
    enabled      BOOLEAN      NOT NULL,
    switched_by  VARCHAR(200) NOT NULL,
    switched_at  VARCHAR(40)  NOT NULL,
    PRIMARY KEY (alliance_id, partner, category)
);
