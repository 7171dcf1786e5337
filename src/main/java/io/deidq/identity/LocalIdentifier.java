package io.deidq.identity;

import java.util.Comparator;

/**
 * What names a subject at a center: the GSID API's (center_id, identifier_type, local_subject_id),
 * and for the pipeline (the configured center, id_source, id). Ordered as the database key, so
 * that every transaction inserts new ones in the same order and none waits on another in a cycle.
 */
record LocalIdentifier(int centerId, String identifierType, String localSubjectId) implements Comparable<LocalIdentifier> {

    private static final Comparator<LocalIdentifier> KEY_ORDER = Comparator.comparing(LocalIdentifier::localSubjectId)
            .thenComparingInt(LocalIdentifier::centerId)
            .thenComparing(LocalIdentifier::identifierType);

    @Override
    public int compareTo(LocalIdentifier other) {
        return KEY_ORDER.compare(this, other);
    }
}
