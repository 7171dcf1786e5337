package io.deidq.identity;

import java.time.Instant;
import java.util.List;

/** A subject with everything the GSID API tells about it: metadata, every local identifier, when it was created and last changed. */
record SubjectRecord(Subject subject, SubjectMetadata metadata, List<LocalIdentifier> identifiers, Instant createdAt, Instant updatedAt) {

    SubjectRecord {
        identifiers = List.copyOf(identifiers);
    }
}
