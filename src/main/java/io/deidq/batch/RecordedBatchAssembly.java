package io.deidq.batch;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Batch assembly as far as the receiver needs it: images and the associations that brought them,
 * recorded in the database. Grouping images into batches and closing them is the pipeline's.
 * Images go in with one query and one batched insert per group: this is the receiver's hot path.
 */
@Service
class RecordedBatchAssembly implements BatchAssembly {

    private static final int ATTEMPTS = 3;

    private static final String INSERT = """
            insert into image (sop_instance_uid, sop_class_uid, transfer_syntax_uid, study_instance_uid, series_instance_uid,
                accession_number, spool_path, size_bytes, crc32c, received_at, association_id, move_originator_ae_title,
                move_originator_message_id)
            values (:sopInstanceUid, :sopClassUid, :transferSyntaxUid, :studyInstanceUid, :seriesInstanceUid, :accessionNumber,
                :spoolPath, :sizeBytes, :crc32c, :receivedAt, :associationId, :moveOriginatorAeTitle, :moveOriginatorMessageId)
            """;

    private final ReceivedAssociationRepository associations;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate jdbcTransaction;

    /**
     * Images are recorded in plain JDBC transactions: the JPA transaction manager would open an
     * entity manager for each, which costs the receiver more than the inserts themselves.
     */
    RecordedBatchAssembly(ReceivedAssociationRepository associations, NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction,
                          DataSource dataSource) {
        this.associations = associations;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.jdbcTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public void associationOpened(ReceivedAssociation association) {
        transaction.executeWithoutResult(status -> associations.save(association));
    }

    /**
     * A duplicate key means another process recorded one of the images between the query and the
     * insert: asking again leaves it out. Any other refusal is the images' own and is thrown, for
     * the receiver to refuse them: it must never pass for a resend.
     */
    @Override
    public List<Image> imagesReceived(List<Image> received) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbcTransaction.execute(status -> insertNew(received));
            } catch (DuplicateKeyException recordedMeanwhile) {
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
        jdbc.batchUpdate(INSERT, fresh.stream().map(RecordedBatchAssembly::parameters).toArray(MapSqlParameterSource[]::new));
        return fresh;
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
                .addValue("moveOriginatorMessageId", image.moveOriginatorMessageId());
    }

    @Override
    public void associationClosed(String associationId, boolean released) {
        transaction.executeWithoutResult(status -> associations.findById(associationId)
                .ifPresent(association -> association.close(Instant.now(), released)));
    }
}
