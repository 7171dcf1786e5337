package io.deidq.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The GSID API's response bodies, field for field as seed 001 shows them. */
final class GsidViews {

    private GsidViews() {
    }

    record Generated(String gsid, @JsonProperty("subject_id") String subjectId, @JsonProperty("local_subject_id") String localSubjectId,
                     @JsonProperty("center_id") int centerId, @JsonProperty("identifier_type") String identifierType,
                     @JsonProperty("created_at") String createdAt) {

        static Generated of(SubjectRecord subject) {
            LocalIdentifier id = subject.identifiers().get(0);
            return new Generated(subject.subject().gsid(), subject.subject().subjectId(), id.localSubjectId(), id.centerId(),
                    id.identifierType(), time(subject.createdAt()));
        }
    }

    record Resolved(String gsid, @JsonProperty("subject_id") String subjectId, @JsonProperty("local_subject_id") String localSubjectId,
                    @JsonProperty("center_id") int centerId, @JsonProperty("identifier_type") String identifierType, boolean found) {

        static Resolved of(SubjectRegistry.Resolution.Found found) {
            LocalIdentifier id = found.identifier();
            return new Resolved(found.subject().gsid(), found.subject().subjectId(), id.localSubjectId(), id.centerId(),
                    id.identifierType(), true);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record NotResolved(String gsid, boolean found, String message) {

        static NotResolved of(SubjectRegistry.Query query) {
            return new NotResolved(null, false, "No subject found for center_id=" + query.centerId() + ", local_subject_id="
                    + query.localSubjectId());
        }
    }

    record BatchResolution(List<BatchResult> results, int total, int found, @JsonProperty("not_found") int notFound) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record BatchResult(@JsonProperty("local_subject_id") String localSubjectId, String gsid, boolean found) {
    }

    record SubjectView(String gsid, @JsonProperty("subject_id") String subjectId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String sex,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String diagnosis,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("age_at_diagnosis") Integer ageAtDiagnosis,
                       @JsonProperty("local_identifiers") List<LocalIdentifierView> localIdentifiers,
                       @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt) {

        static SubjectView of(SubjectRecord subject) {
            SubjectMetadata m = subject.metadata();
            return new SubjectView(subject.subject().gsid(), subject.subject().subjectId(), m.sex(), m.diagnosis(), m.ageAtDiagnosis(),
                    subject.identifiers().stream().map(LocalIdentifierView::of).toList(), time(subject.createdAt()), time(subject.updatedAt()));
        }
    }

    record LocalIdentifierView(@JsonProperty("center_id") int centerId, @JsonProperty("local_subject_id") String localSubjectId,
                               @JsonProperty("identifier_type") String identifierType) {

        static LocalIdentifierView of(LocalIdentifier id) {
            return new LocalIdentifierView(id.centerId(), id.localSubjectId(), id.identifierType());
        }
    }

    /** As the seed writes them: {@code 2024-01-15T10:00:00Z}. */
    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
