-- The sweeper asks, for each QUEUED batch it suspects of a lost message, whether the outbox holds
-- a row of that batch not yet published or published lately: without this index each question
-- reads the whole outbox. Runs unchanged on H2 and PostgreSQL.
CREATE INDEX outbox_batch ON outbox (batch_id, published_at);
