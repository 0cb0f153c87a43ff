-- List exits (issue 11): the expiry job finds this origin's own entries whose validity ended.
CREATE INDEX ix_match_expiry ON match_entry (origin, valid_to);
