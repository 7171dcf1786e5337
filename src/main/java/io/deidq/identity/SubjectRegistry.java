package io.deidq.identity;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subjects as the GSID API sees them: created explicitly, found by any of their local
 * identifiers or their GSID, given more identifiers. They are the subjects of the pipeline's
 * patients too ({@link PseudonymStore}): a local identifier names one subject, ever after and in
 * every process, whichever API named it first. Uniqueness is the database's: of two requests that
 * register one identifier at once, the second is answered that it exists.
 */
@Component
@ConditionalOnEmbeddedIdentity
class SubjectRegistry {

    private final SubjectTable table;
    private final PseudonymGenerator pseudonyms;
    private final TransactionTemplate transaction;

    SubjectRegistry(SubjectTable table, PseudonymGenerator pseudonyms, DataSource dataSource) {
        this.table = table;
        this.pseudonyms = pseudonyms;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** The identifier is registered already; {@code sameSubject} when to the subject it was to be added to. */
    static final class AlreadyRegistered extends Exception {

        private final boolean sameSubject;

        AlreadyRegistered(boolean sameSubject) {
            super(sameSubject ? "already names this subject" : "already names a subject");
            this.sameSubject = sameSubject;
        }

        boolean sameSubject() {
            return sameSubject;
        }
    }

    /** No subject has the GSID. */
    static final class UnknownSubject extends Exception {

        UnknownSubject() {
            super("no subject has this GSID");
        }
    }

    /** What a resolve found: nothing, one subject (by one of its identifiers), or several subjects under different identifier types. */
    sealed interface Resolution {
        record Found(LocalIdentifier identifier, Subject subject) implements Resolution {
        }

        record NotFound() implements Resolution {
        }

        record Ambiguous(List<String> identifierTypes) implements Resolution {
        }
    }

    /** What a resolve asks: an identifier type, or null for any. */
    record Query(int centerId, String localSubjectId, String identifierType) {
    }

    /** A new subject named by {@code identifier}, unless it names one already. */
    SubjectRecord register(LocalIdentifier identifier, SubjectMetadata metadata) throws AlreadyRegistered {
        for (int attempt = 1; ; attempt++) {
            if (!table.find(List.of(identifier)).isEmpty()) {
                throw new AlreadyRegistered(false);
            }
            SubjectTable.NewSubject fresh = new SubjectTable.NewSubject(pseudonyms.newSubject(), identifier, metadata);
            Instant at = now();
            try {
                transaction.executeWithoutResult(status -> table.insert(List.of(fresh), at));
                return new SubjectRecord(fresh.subject(), metadata, List.of(identifier), at, at);
            } catch (DuplicateKeyException registeredMeanwhileOrCollided) {
                if (attempt == InsertOrReadBack.ATTEMPTS) {
                    throw registeredMeanwhileOrCollided;
                }
            }
        }
    }

    /** Adds {@code identifier} to the subject of {@code gsid}; answers the subject as it is then. */
    SubjectRecord addIdentifier(String gsid, LocalIdentifier identifier) throws UnknownSubject, AlreadyRegistered {
        SubjectRecord subject = table.findByGsid(gsid).orElseThrow(UnknownSubject::new);
        Optional<Subject> owner = Optional.ofNullable(table.find(List.of(identifier)).get(identifier));
        if (owner.isEmpty()) {
            try {
                transaction.executeWithoutResult(status -> table.addIdentifier(subject.subject().subjectId(), identifier, now()));
            } catch (DuplicateKeyException registeredMeanwhile) {
                owner = Optional.ofNullable(table.find(List.of(identifier)).get(identifier));
                if (owner.isEmpty()) {
                    throw registeredMeanwhile;
                }
            }
        }
        if (owner.isPresent()) {
            throw new AlreadyRegistered(owner.get().subjectId().equals(subject.subject().subjectId()));
        }
        return table.findByGsid(gsid).orElseThrow(UnknownSubject::new);
    }

    Optional<SubjectRecord> byGsid(String gsid) {
        return table.findByGsid(gsid);
    }

    /** What each query resolves to, in the queries' order; the database is asked once per chunk of queries of one kind. */
    List<Resolution> resolve(List<Query> queries) {
        List<LocalIdentifier> typed = new ArrayList<>();
        Map<Integer, List<String>> untypedByCenter = new LinkedHashMap<>();
        for (Query query : queries) {
            if (query.identifierType() != null) {
                typed.add(new LocalIdentifier(query.centerId(), query.identifierType(), query.localSubjectId()));
            } else {
                untypedByCenter.computeIfAbsent(query.centerId(), c -> new ArrayList<>()).add(query.localSubjectId());
            }
        }
        Map<LocalIdentifier, Subject> exact = typed.isEmpty() ? Map.of() : table.find(typed);
        Map<Query, List<SubjectTable.Registration>> anyType = new LinkedHashMap<>();
        untypedByCenter.forEach((center, ids) -> {
            for (SubjectTable.Registration r : table.findAnyType(center, ids)) {
                anyType.computeIfAbsent(new Query(center, r.identifier().localSubjectId(), null), q -> new ArrayList<>()).add(r);
            }
        });
        List<Resolution> resolutions = new ArrayList<>(queries.size());
        for (Query query : queries) {
            if (query.identifierType() != null) {
                LocalIdentifier id = new LocalIdentifier(query.centerId(), query.identifierType(), query.localSubjectId());
                Subject subject = exact.get(id);
                resolutions.add(subject == null ? new Resolution.NotFound() : new Resolution.Found(id, subject));
            } else {
                resolutions.add(ofAnyType(anyType.getOrDefault(query, List.of())));
            }
        }
        return resolutions;
    }

    private static Resolution ofAnyType(List<SubjectTable.Registration> registrations) {
        if (registrations.isEmpty()) {
            return new Resolution.NotFound();
        }
        List<SubjectTable.Registration> byType = registrations.stream()
                .sorted((a, b) -> a.identifier().identifierType().compareTo(b.identifier().identifierType()))
                .toList();
        long subjects = byType.stream().map(r -> r.subject().subjectId()).distinct().count();
        if (subjects > 1) {
            return new Resolution.Ambiguous(byType.stream().map(r -> r.identifier().identifierType()).toList());
        }
        return new Resolution.Found(byType.get(0).identifier(), byType.get(0).subject());
    }

    /** Timestamps to the second, as the GSID API shows them. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
