package io.deidq.identity;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subject and local identifier rows (V3__identity.sql). Lookups of many identifiers go in
 * chunks of one query each, never one query per identifier; inserts are JDBC batches. The caller
 * holds the transaction.
 */
@Component
@ConditionalOnEmbeddedIdentity
class SubjectTable {

    /** Local identifiers per query: well within every database's limit on bound parameters. */
    static final int CHUNK = 500;

    private static final String SUBJECT_COLUMNS = "s.subject_id, s.gsid, s.suid, s.jitter_days";
    private static final String INSERT_IDENTIFIER = "insert into identity_local_identifier"
            + " (center_id, local_subject_id, identifier_type, subject_id, created_at) values (:center, :id, :type, :subject, :at)";

    private final NamedParameterJdbcTemplate jdbc;

    SubjectTable(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new subject, named by its first local identifier. */
    record NewSubject(Subject subject, LocalIdentifier identifier, SubjectMetadata metadata) {
    }

    private record CenterAndType(int centerId, String identifierType) {
    }

    /** A local identifier and the subject it names. */
    record Registration(LocalIdentifier identifier, Subject subject) {
    }

    /** The subjects that {@code identifiers} name, for those that name one. */
    Map<LocalIdentifier, Subject> find(Collection<LocalIdentifier> identifiers) {
        Map<LocalIdentifier, Subject> found = new HashMap<>();
        Map<CenterAndType, List<String>> byCenterAndType = new LinkedHashMap<>();
        for (LocalIdentifier id : identifiers) {
            byCenterAndType.computeIfAbsent(new CenterAndType(id.centerId(), id.identifierType()), k -> new ArrayList<>())
                    .add(id.localSubjectId());
        }
        byCenterAndType.forEach((centerAndType, localIds) -> {
            int center = centerAndType.centerId();
            String type = centerAndType.identifierType();
            for (int from = 0; from < localIds.size(); from += CHUNK) {
                MapSqlParameterSource parameters = new MapSqlParameterSource()
                        .addValue("center", center)
                        .addValue("type", type)
                        .addValue("ids", localIds.subList(from, Math.min(localIds.size(), from + CHUNK)));
                jdbc.query("select l.local_subject_id, " + SUBJECT_COLUMNS + " from identity_local_identifier l"
                                + " join identity_subject s on s.subject_id = l.subject_id"
                                + " where l.center_id = :center and l.identifier_type = :type and l.local_subject_id in (:ids)",
                        parameters, rs -> {
                            found.put(new LocalIdentifier(center, type, rs.getString("local_subject_id")), subject(rs));
                        });
            }
        });
        return found;
    }

    /** Every registration of each of {@code localSubjectIds} at {@code centerId}, whatever its identifier type. */
    List<Registration> findAnyType(int centerId, Collection<String> localSubjectIds) {
        List<String> ids = List.copyOf(localSubjectIds);
        List<Registration> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            MapSqlParameterSource parameters = new MapSqlParameterSource("center", centerId)
                    .addValue("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK)));
            found.addAll(jdbc.query("select l.local_subject_id, l.identifier_type, " + SUBJECT_COLUMNS + " from identity_local_identifier l"
                            + " join identity_subject s on s.subject_id = l.subject_id"
                            + " where l.center_id = :center and l.local_subject_id in (:ids)",
                    parameters, (rs, row) -> new Registration(
                            new LocalIdentifier(centerId, rs.getString("identifier_type"), rs.getString("local_subject_id")), subject(rs))));
        }
        return found;
    }

    Optional<SubjectRecord> findByGsid(String gsid) {
        List<SubjectRecord> subjects = jdbc.query("select " + SUBJECT_COLUMNS + ", s.sex, s.diagnosis, s.age_at_diagnosis,"
                        + " s.created_at, s.updated_at from identity_subject s where s.gsid = :gsid",
                new MapSqlParameterSource("gsid", gsid), (rs, row) -> {
                    Integer age = rs.getObject("age_at_diagnosis", Integer.class);
                    return new SubjectRecord(subject(rs), new SubjectMetadata(rs.getString("sex"), rs.getString("diagnosis"), age),
                            List.of(), instant(rs, "created_at"), instant(rs, "updated_at"));
                });
        if (subjects.isEmpty()) {
            return Optional.empty();
        }
        SubjectRecord subject = subjects.get(0);
        List<LocalIdentifier> identifiers = jdbc.query("select center_id, identifier_type, local_subject_id from identity_local_identifier"
                        + " where subject_id = :subject order by created_at, center_id, local_subject_id, identifier_type",
                new MapSqlParameterSource("subject", subject.subject().subjectId()),
                (rs, row) -> new LocalIdentifier(rs.getInt("center_id"), rs.getString("identifier_type"), rs.getString("local_subject_id")));
        return Optional.of(new SubjectRecord(subject.subject(), subject.metadata(), identifiers, subject.createdAt(), subject.updatedAt()));
    }

    void insert(List<NewSubject> subjects, Instant at) {
        Timestamp now = Timestamp.from(at);
        jdbc.batchUpdate("insert into identity_subject (subject_id, gsid, suid, jitter_days, sex, diagnosis, age_at_diagnosis,"
                        + " created_at, updated_at) values (:subject, :gsid, :suid, :jitter, :sex, :diagnosis, :age, :at, :at)",
                subjects.stream().map(s -> new MapSqlParameterSource()
                        .addValue("subject", s.subject().subjectId())
                        .addValue("gsid", s.subject().gsid())
                        .addValue("suid", s.subject().suid())
                        .addValue("jitter", s.subject().jitterDays())
                        .addValue("sex", s.metadata().sex())
                        .addValue("diagnosis", s.metadata().diagnosis())
                        .addValue("age", s.metadata().ageAtDiagnosis())
                        .addValue("at", now)).toArray(MapSqlParameterSource[]::new));
        jdbc.batchUpdate(INSERT_IDENTIFIER, subjects.stream()
                .map(s -> identifier(s.subject().subjectId(), s.identifier(), now)).toArray(MapSqlParameterSource[]::new));
    }

    /** Adds a local identifier to an existing subject, which counts as a change of the subject. */
    void addIdentifier(String subjectId, LocalIdentifier identifier, Instant at) {
        Timestamp now = Timestamp.from(at);
        jdbc.update(INSERT_IDENTIFIER, identifier(subjectId, identifier, now));
        jdbc.update("update identity_subject set updated_at = :at where subject_id = :subject",
                new MapSqlParameterSource("at", now).addValue("subject", subjectId));
    }

    private static MapSqlParameterSource identifier(String subjectId, LocalIdentifier identifier, Timestamp at) {
        return new MapSqlParameterSource()
                .addValue("center", identifier.centerId())
                .addValue("id", identifier.localSubjectId())
                .addValue("type", identifier.identifierType())
                .addValue("subject", subjectId)
                .addValue("at", at);
    }

    private static Subject subject(ResultSet rs) throws SQLException {
        return new Subject(rs.getString("subject_id"), rs.getString("gsid"), rs.getString("suid"), rs.getInt("jitter_days"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
