-- One image per spool file; the spool sweep at start-up asks, file by file, whether a file is recorded.
CREATE UNIQUE INDEX image_spool_path ON image (spool_path);
