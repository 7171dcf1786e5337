-- The embedded identity service: subjects (patients) with their pseudonyms and jitter, the local
-- identifiers that name them, and the pseudonyms of items (studies). The GSID API and the pipeline
-- share these rows (config/README.md, "Identity service"). Uniqueness is the database's: two
-- workers that meet a new patient at once both insert, one insert wins, the other reads it back.
-- Runs unchanged on H2 (embedded) and PostgreSQL.

CREATE TABLE identity_subject (
    subject_id       VARCHAR(36)              PRIMARY KEY,
    gsid             VARCHAR(21)              NOT NULL,
    suid             VARCHAR(16)              NOT NULL,
    jitter_days      INTEGER                  NOT NULL,
    sex              VARCHAR(64),
    diagnosis        VARCHAR(256),
    age_at_diagnosis INTEGER,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT identity_subject_gsid UNIQUE (gsid),
    CONSTRAINT identity_subject_suid UNIQUE (suid),
    CONSTRAINT identity_subject_jitter CHECK (jitter_days <> 0)
);

-- A local identifier names one subject, forever. The local id leads the key, so that lookups of
-- many ids at once (local_subject_id IN (...)) go through the key on H2 too, which uses an index
-- for an IN list only on its first column; the GSID API's resolve may leave identifier_type out.
CREATE TABLE identity_local_identifier (
    center_id        INTEGER                  NOT NULL,
    local_subject_id VARCHAR(256)             NOT NULL,
    identifier_type  VARCHAR(128)             NOT NULL,
    subject_id       VARCHAR(36)              NOT NULL REFERENCES identity_subject (subject_id),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT identity_local_identifier_key PRIMARY KEY (local_subject_id, center_id, identifier_type)
);

CREATE INDEX identity_local_identifier_subject ON identity_local_identifier (subject_id);

-- An item's jitter is its entity's: only its pseudonym is its own. The id leads the key, as above.
CREATE TABLE identity_item (
    id_source  VARCHAR(128)             NOT NULL,
    item_id    VARCHAR(256)             NOT NULL,
    suid       VARCHAR(16)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT identity_item_key PRIMARY KEY (item_id, id_source),
    CONSTRAINT identity_item_suid UNIQUE (suid)
);
