package io.deidq.identity;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The pipeline's pseudonyms: the subject of each entity's local identifier and the suid of each
 * item, created the first time they are seen and the same ever after, in every process. What
 * exists is read first, in chunks of ids per query; what is missing, subjects and items alike, is
 * inserted in one transaction of JDBC batches, so that a new patient with its study costs one
 * commit and an entity of 1,616 items a handful of round trips. Uniqueness is the database's
 * ({@link InsertOrReadBack}).
 */
@Component
@ConditionalOnEmbeddedIdentity
class PseudonymStore {

    private final SubjectTable subjects;
    private final ItemTable items;
    private final PseudonymGenerator pseudonyms;
    private final TransactionTemplate transaction;

    PseudonymStore(SubjectTable subjects, ItemTable items, PseudonymGenerator pseudonyms, DataSource dataSource) {
        this.subjects = subjects;
        this.items = items;
        this.pseudonyms = pseudonyms;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    record Pseudonyms(Map<LocalIdentifier, Subject> subjects, Map<ItemKey, String> itemSuids) {
    }

    Pseudonyms of(Collection<LocalIdentifier> entities, Collection<ItemKey> itemKeys) {
        SortedSet<LocalIdentifier> wantedSubjects = new TreeSet<>(entities);
        SortedSet<ItemKey> wantedItems = new TreeSet<>(itemKeys);
        return InsertOrReadBack.run(() -> {
            Map<LocalIdentifier, Subject> subjectOf = subjects.find(wantedSubjects);
            Map<ItemKey, String> suidOf = items.find(wantedItems);
            List<SubjectTable.NewSubject> newSubjects = wantedSubjects.stream()
                    .filter(id -> !subjectOf.containsKey(id))
                    .map(id -> new SubjectTable.NewSubject(pseudonyms.newSubject(), id, SubjectMetadata.NONE))
                    .toList();
            Map<ItemKey, String> newItems = new LinkedHashMap<>();
            for (ItemKey item : wantedItems) {
                if (!suidOf.containsKey(item)) {
                    newItems.put(item, pseudonyms.suid());
                }
            }
            if (!newSubjects.isEmpty() || !newItems.isEmpty()) {
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                transaction.executeWithoutResult(status -> {
                    if (!newSubjects.isEmpty()) {
                        subjects.insert(newSubjects, now);
                    }
                    if (!newItems.isEmpty()) {
                        items.insert(newItems, now);
                    }
                });
                newSubjects.forEach(s -> subjectOf.put(s.identifier(), s.subject()));
                suidOf.putAll(newItems);
            }
            return new Pseudonyms(subjectOf, suidOf);
        });
    }
}
