-- What the stages made of each image and how far a batch's files have been released. Runs
-- unchanged on H2 (embedded) and PostgreSQL.

-- The clean stage's outcome for an image (io.deidq.batch.ImageOutcome): CLEANED, PIXELS_CLEANED
-- (flagged by a filter and its pixels cleaned), QUARANTINED (flagged, pixels not cleanable: kept in
-- the spool, never uploaded) or FAILED (`clean_error` says why; the batch fails). `output_name` is
-- Study/Series/SOP of the new UIDs, the name the sinks store it under; `uploaded_at` is when both
-- sinks had it. All null until the clean stage ran; a rerun overwrites them.
ALTER TABLE image ADD COLUMN clean_outcome VARCHAR(16);
ALTER TABLE image ADD COLUMN clean_error VARCHAR(4000);
ALTER TABLE image ADD COLUMN output_name VARCHAR(200);
ALTER TABLE image ADD COLUMN uploaded_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE image ADD CONSTRAINT image_clean_outcome
    CHECK (clean_outcome IN ('CLEANED', 'PIXELS_CLEANED', 'QUARANTINED', 'FAILED'));

-- A running TaskRun's worker writes heartbeat_at while it works; the sweeper abandons a run whose
-- heartbeat (or start, before the first) is older than the stage timeout.
ALTER TABLE task_run ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;

-- When a DONE batch's spool files and staging directory were deleted, after the retention.
ALTER TABLE batch ADD COLUMN released_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX batch_release ON batch (state, released_at, finished_at);
