package io.deidq.batch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One instance received and spooled: its identity, where its Part 10 file is (relative to the
 * spool directory, so that the spool may be reached by another path or moved), how to check the
 * file is intact, the keys batch assembly groups by, the association that brought it, and its batch.
 * Accession number and UIDs are identifiers: they stay in the database and out of the logs.
 */
@Entity
@Table(name = "image")
public class Image {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "sop_instance_uid", nullable = false, unique = true, length = 64)
    private String sopInstanceUid;

    @Column(name = "sop_class_uid", nullable = false, length = 64)
    private String sopClassUid;

    @Column(name = "transfer_syntax_uid", nullable = false, length = 64)
    private String transferSyntaxUid;

    @Column(name = "study_instance_uid", length = 64)
    private String studyInstanceUid;

    @Column(name = "series_instance_uid", length = 64)
    private String seriesInstanceUid;

    @Column(name = "accession_number", length = 64)
    private String accessionNumber;

    @Column(name = "spool_path", nullable = false, unique = true, length = 1024)
    private String spoolPath;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "crc32c", nullable = false, length = 8)
    private String crc32c;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "association_id", nullable = false, length = 36)
    private String associationId;

    @Column(name = "move_originator_ae_title", length = 16)
    private String moveOriginatorAeTitle;

    @Column(name = "move_originator_message_id")
    private Integer moveOriginatorMessageId;

    @Column(name = "batch_id")
    private Long batchId;

    @Enumerated(EnumType.STRING)
    @Column(name = "clean_outcome", length = 16)
    private ImageOutcome cleanOutcome;

    @Column(name = "clean_error", length = Batch.LONGEST_ERROR)
    private String cleanError;

    @Column(name = "output_name", length = 200)
    private String outputName;

    @Column(name = "uploaded_at")
    private Instant uploadedAt;

    protected Image() {
    }

    public Image(String sopInstanceUid, String sopClassUid, String transferSyntaxUid, String studyInstanceUid,
                 String seriesInstanceUid, String accessionNumber, String spoolPath, long sizeBytes, String crc32c,
                 Instant receivedAt, String associationId, String moveOriginatorAeTitle, Integer moveOriginatorMessageId) {
        this.sopInstanceUid = sopInstanceUid;
        this.sopClassUid = sopClassUid;
        this.transferSyntaxUid = transferSyntaxUid;
        this.studyInstanceUid = studyInstanceUid;
        this.seriesInstanceUid = seriesInstanceUid;
        this.accessionNumber = accessionNumber;
        this.spoolPath = spoolPath;
        this.sizeBytes = sizeBytes;
        this.crc32c = crc32c;
        this.receivedAt = receivedAt;
        this.associationId = associationId;
        this.moveOriginatorAeTitle = moveOriginatorAeTitle;
        this.moveOriginatorMessageId = moveOriginatorMessageId;
    }

    public Long id() {
        return id;
    }

    public String sopInstanceUid() {
        return sopInstanceUid;
    }

    public String sopClassUid() {
        return sopClassUid;
    }

    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    public String studyInstanceUid() {
        return studyInstanceUid;
    }

    public String seriesInstanceUid() {
        return seriesInstanceUid;
    }

    public String accessionNumber() {
        return accessionNumber;
    }

    public String spoolPath() {
        return spoolPath;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public String crc32c() {
        return crc32c;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String associationId() {
        return associationId;
    }

    public String moveOriginatorAeTitle() {
        return moveOriginatorAeTitle;
    }

    public Integer moveOriginatorMessageId() {
        return moveOriginatorMessageId;
    }

    /** The batch batch assembly put it in; null until it is recorded. */
    public Long batchId() {
        return batchId;
    }

    void assignTo(long batch) {
        batchId = batch;
    }

    /** What the clean stage made of it; null before it ran. */
    public ImageOutcome cleanOutcome() {
        return cleanOutcome;
    }

    /** Why it was quarantined or could not be cleaned; null otherwise. */
    public String cleanError() {
        return cleanError;
    }

    /** Study/Series/SOP of its new UIDs, without extension; null unless cleaned. */
    public String outputName() {
        return outputName;
    }

    /** When both sinks had it; null before, and again after a rerun cleaned it anew. */
    public Instant uploadedAt() {
        return uploadedAt;
    }

    /** The clean stage's outcome, replacing an earlier run's. */
    public void cleaned(ImageOutcome outcome, String outputName, String error) {
        this.cleanOutcome = outcome;
        this.outputName = outputName;
        this.cleanError = error == null || error.length() <= Batch.LONGEST_ERROR ? error : error.substring(0, Batch.LONGEST_ERROR);
        this.uploadedAt = null;
    }

    public void uploaded(Instant at) {
        uploadedAt = at;
    }
}
