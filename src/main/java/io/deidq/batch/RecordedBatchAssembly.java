package io.deidq.batch;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Batch assembly: images and the associations that brought them, recorded in the database, each
 * image in the receiving batch of its key ({@link BatchKey}), which is opened when the key has
 * none. One open batch per key is the database's rule (table open_batch); a batch that closed
 * takes no more images: an image of its key opens a new batch that names it as previous. Closing
 * is {@link BatchCloser}'s. Images go in with a few queries and one batched insert per group: this
 * is the receiver's hot path.
 */
@Service
class RecordedBatchAssembly implements BatchAssembly {

    private static final int ATTEMPTS = 5;

    private static final String INSERT = """
            insert into image (sop_instance_uid, sop_class_uid, transfer_syntax_uid, study_instance_uid, series_instance_uid,
                accession_number, spool_path, size_bytes, crc32c, received_at, association_id, move_originator_ae_title,
                move_originator_message_id, batch_id)
            values (:sopInstanceUid, :sopClassUid, :transferSyntaxUid, :studyInstanceUid, :seriesInstanceUid, :accessionNumber,
                :spoolPath, :sizeBytes, :crc32c, :receivedAt, :associationId, :moveOriginatorAeTitle, :moveOriginatorMessageId, :batchId)
            """;

    /** The batch's version changes with each image, so that a closer that looked at it before cannot close it (BatchCloser). */
    private static final String JOIN = """
            update batch set last_image_at = :now, updated_at = :now, version = version + 1
            where id = :id and state = 'RECEIVING'
            """;

    private static final String OPEN = """
            insert into batch (key_kind, batch_key, study_instance_uid, accession_number, state, attempt, created_at, updated_at,
                last_image_at, previous_batch_id, version)
            values (:kind, :key, :studyInstanceUid, :accessionNumber, 'RECEIVING', 0, :now, :now, :now, null, 0)
            """;

    /**
     * Once a batch holds its key's open_batch row, every other batch of the key has closed and
     * committed: the one that closed last is its previous. Asked before, two batches opening one after
     * the other could both name the batch before them.
     */
    private static final String LINK = """
            update batch set previous_batch_id = (select p.id from batch p
                where p.key_kind = :kind and p.batch_key = :key and p.id <> :batch
                order by p.closed_at desc nulls last, p.id desc fetch first 1 rows only)
            where id = :batch
            """;

    /** Keys in one order in every transaction, so that two groups lock the batches they share in one order. */
    private static final Comparator<BatchKey> KEY_ORDER = Comparator.comparing(BatchKey::kind).thenComparing(BatchKey::value);

    private final ReceivedAssociationRepository associations;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate jdbcTransaction;
    private final BatchKeyKind groupBy;

    /**
     * Images are recorded in plain JDBC transactions: the JPA transaction manager would open an
     * entity manager for each, which costs the receiver more than the inserts themselves.
     */
    RecordedBatchAssembly(ReceivedAssociationRepository associations, NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction,
                          DataSource dataSource, BatchProperties properties) {
        this.associations = associations;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.jdbcTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.groupBy = properties.key();
    }

    @Override
    public void associationOpened(ReceivedAssociation association) {
        transaction.executeWithoutResult(status -> associations.save(association));
    }

    /**
     * A duplicate key means another process recorded one of the images between the query and the
     * insert, or opened a batch for one of their keys: asking again leaves the image out, or finds
     * the batch. A lock given up (a deadlock) is tried again likewise. Any other refusal is the images' own and is thrown, for
     * the receiver to refuse them: it must never pass for a resend.
     */
    @Override
    public List<Image> imagesReceived(List<Image> received) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbcTransaction.execute(status -> insertNew(received));
            } catch (DuplicateKeyException | ConcurrencyFailureException recordedMeanwhile) {
                if (attempt == ATTEMPTS) {
                    throw recordedMeanwhile;
                }
            }
        }
    }

    private List<Image> insertNew(List<Image> received) {
        Set<String> seen = new HashSet<>(jdbc.queryForList("select sop_instance_uid from image where sop_instance_uid in (:uids)",
                new MapSqlParameterSource("uids", received.stream().map(Image::sopInstanceUid).toList()), String.class));
        List<Image> fresh = new ArrayList<>();
        for (Image image : received) {
            if (seen.add(image.sopInstanceUid())) {
                fresh.add(image);
            }
        }
        if (fresh.isEmpty()) {
            return fresh;
        }
        Instant now = Instant.now();
        Map<BatchKey, List<Image>> byKey = new TreeMap<>(KEY_ORDER);
        for (Image image : fresh) {
            byKey.computeIfAbsent(BatchKey.of(image, groupBy), key -> new ArrayList<>()).add(image);
        }
        byKey.forEach((key, images) -> {
            long batch = batchFor(key, images.get(0), now);
            images.forEach(image -> image.assignTo(batch));
        });
        jdbc.batchUpdate(INSERT, fresh.stream().map(RecordedBatchAssembly::parameters).toArray(MapSqlParameterSource[]::new));
        return fresh;
    }

    /**
     * The receiving batch of {@code key}, which takes the images being recorded: its row stays
     * locked until they are, so that no closer closes it under them. When the key has none, or its
     * batch closed since the open_batch row was read, a new batch is opened, naming the key's batch
     * that closed last as its previous.
     */
    private long batchFor(BatchKey key, Image first, Instant now) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("kind", key.kind().name())
                .addValue("key", key.value())
                .addValue("now", Timestamp.from(now));
        List<Long> open = jdbc.queryForList("select batch_id from open_batch where key_kind = :kind and batch_key = :key",
                parameters, Long.class);
        if (!open.isEmpty()) {
            parameters.addValue("id", open.get(0));
            if (jdbc.update(JOIN, parameters) == 1) {
                return open.get(0);
            }
            // Its batch left RECEIVING without the row going with it: the row is stale, and goes now.
            jdbc.update("delete from open_batch where key_kind = :kind and batch_key = :key and batch_id = :id", parameters);
        }
        parameters.addValue("studyInstanceUid", first.studyInstanceUid())
                .addValue("accessionNumber", first.accessionNumber());
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.update(OPEN, parameters, id, new String[] {"id"});
        long batch = id.getKey().longValue();
        jdbc.update("insert into open_batch (key_kind, batch_key, batch_id) values (:kind, :key, :batch)",
                parameters.addValue("batch", batch));
        jdbc.update(LINK, parameters);
        return batch;
    }

    private static MapSqlParameterSource parameters(Image image) {
        return new MapSqlParameterSource()
                .addValue("sopInstanceUid", image.sopInstanceUid())
                .addValue("sopClassUid", image.sopClassUid())
                .addValue("transferSyntaxUid", image.transferSyntaxUid())
                .addValue("studyInstanceUid", image.studyInstanceUid())
                .addValue("seriesInstanceUid", image.seriesInstanceUid())
                .addValue("accessionNumber", image.accessionNumber())
                .addValue("spoolPath", image.spoolPath())
                .addValue("sizeBytes", image.sizeBytes())
                .addValue("crc32c", image.crc32c())
                .addValue("receivedAt", Timestamp.from(image.receivedAt()))
                .addValue("associationId", image.associationId())
                .addValue("moveOriginatorAeTitle", image.moveOriginatorAeTitle())
                .addValue("moveOriginatorMessageId", image.moveOriginatorMessageId())
                .addValue("batchId", image.batchId());
    }

    @Override
    public void associationClosed(String associationId, boolean released) {
        transaction.executeWithoutResult(status -> associations.findById(associationId)
                .ifPresent(association -> association.close(Instant.now(), released)));
    }
}
