-- An operator's pause of a link, kept across restarts (and seen by every instance of the node).
CREATE TABLE link_state (
    link       VARCHAR(12) NOT NULL PRIMARY KEY,
    paused     BOOLEAN     NOT NULL,
    changed_at VARCHAR(40) NOT NULL
);
