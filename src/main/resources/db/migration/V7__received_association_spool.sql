-- Which spool's receiver recorded an association (the random id in spool/spool.id): a receiver that
-- starts alone on its spool ends the associations of that spool still open, which a killed run left
-- so, and no other spool's. Rows from before have none: no receiver can tell they were its own.
-- Runs unchanged on H2 (embedded) and PostgreSQL.

ALTER TABLE received_association ADD COLUMN spool_id VARCHAR(36);

CREATE INDEX received_association_spool_open ON received_association (spool_id, closed_at);
