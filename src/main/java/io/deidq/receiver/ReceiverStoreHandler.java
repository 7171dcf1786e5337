package io.deidq.receiver;

import io.deidq.batch.BatchAssembly;
import io.deidq.batch.Image;
import io.deidq.batch.ImageRepository;
import io.deidq.batch.ReceivedAssociation;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomParseException;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.ReadOptions;
import io.deidq.dicom.net.Association;
import io.deidq.dicom.net.Status;
import io.deidq.dicom.net.StoreHandler;
import io.deidq.dicom.net.StoreRequest;
import io.deidq.dicom.net.StoreResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What the receiver does with each C-STORE: spool the data set (fsynced), check that it is whole,
 * readable DICOM and is the instance the command announced, keep the file, record the image, and
 * only then answer success. Anything that goes wrong on this side is answered with a failure status
 * and leaves no file: the sender still has the instance and can send it again.
 */
final class ReceiverStoreHandler implements StoreHandler {

    private static final Logger log = LoggerFactory.getLogger(ReceiverStoreHandler.class);
    /**
     * Every element and fragment is parsed, so that a data set cut short (its last fragment sent too
     * early) is refused rather than acknowledged: the pipeline, reading it later, would fail when the
     * sender no longer holds it. Values beyond a few identifiers' length stay in the file.
     */
    private static final ReadOptions WHOLE_STRUCTURE = ReadOptions.DEFAULT.withBulkThreshold(1024);
    private static final StoreResult NOT_RECORDED = new StoreResult(Status.OUT_OF_RESOURCES, "cannot record the instance");

    private final SpoolStore spool;
    private final ImageRecorder recorder;
    private final BatchAssembly batchAssembly;
    private final ImageRepository images;
    private final long minFreeSpace;

    ReceiverStoreHandler(SpoolStore spool, ImageRecorder recorder, BatchAssembly batchAssembly, ImageRepository images, long minFreeSpace) {
        this.spool = spool;
        this.recorder = recorder;
        this.batchAssembly = batchAssembly;
        this.images = images;
        this.minFreeSpace = minFreeSpace;
    }

    @Override
    public void opened(Association association) {
        batchAssembly.associationOpened(new ReceivedAssociation(association.id(), association.callingAeTitle(),
                association.calledAeTitle(), association.socket().getInetAddress().getHostAddress(), Instant.now(), spool.id()));
        log.info("association {} from {} ({}) established", association.id(), association.callingAeTitle(),
                association.socket().getInetAddress().getHostAddress());
    }

    @Override
    public void closed(Association association, boolean released) {
        log.info("association {} from {} {}", association.id(), association.callingAeTitle(), released ? "released" : "aborted");
        try {
            batchAssembly.associationClosed(association.id(), released);
        } catch (RuntimeException e) {
            log.error("association {}: cannot record its end: {}", association.id(), Failures.withoutValues(e));
        }
    }

    @Override
    public StoreResult store(StoreRequest request, InputStream dataSet) throws IOException {
        if (request.sopClassUid() == null || request.sopInstanceUid() == null) {
            return new StoreResult(Status.CANNOT_UNDERSTAND, "the C-STORE-RQ lacks its Affected SOP Class or Instance UID");
        }
        long free = spool.usableSpace();
        if (free < minFreeSpace) {
            return new StoreResult(Status.OUT_OF_RESOURCES, "spool disk has " + free + " bytes free, less than " + minFreeSpace);
        }
        SpoolStore.Spooled spooled;
        try {
            spooled = spool.write(request, dataSet);
        } catch (SpoolStore.SpoolWriteException e) {
            log.error("association {}: {}", request.association().id(), e.getMessage());
            return new StoreResult(Status.OUT_OF_RESOURCES, "cannot write to the spool");
        }
        try {
            return keep(request, spooled);
        } finally {
            delete(spooled.file());
        }
    }

    /** Checks the spooled data set, keeps it and records it. */
    private StoreResult keep(StoreRequest request, SpoolStore.Spooled spooled) {
        Header header;
        try (DicomFile file = DicomReader.readFile(spooled.file(), WHOLE_STRUCTURE)) {
            header = Header.of(file.dataset());
        } catch (DicomParseException e) {
            return new StoreResult(Status.CANNOT_UNDERSTAND, "at byte " + e.offset() + ": " + e.reason());
        } catch (IOException | RuntimeException e) {
            log.error("association {}: cannot read a spooled data set: {}", request.association().id(), Failures.withoutValues(e));
            return new StoreResult(Status.OUT_OF_RESOURCES, "cannot read the data set back");
        }
        StoreResult refusal = header.refusal(request);
        if (refusal != null) {
            return refusal;
        }
        Path kept;
        try {
            kept = spool.keep(spooled);
        } catch (IOException e) {
            log.error("association {}: cannot keep a received instance: {}", request.association().id(), e.getMessage());
            return new StoreResult(Status.OUT_OF_RESOURCES, "cannot keep the instance");
        }
        Image image = new Image(request.sopInstanceUid(), request.sopClassUid(), request.transferSyntaxUid(), header.studyInstanceUid(),
                header.seriesInstanceUid(), header.accessionNumber(), spool.spoolPath(kept), spooled.size(), spooled.crc32c(),
                Instant.now(), request.association().id(), request.moveOriginatorAeTitle(), request.moveOriginatorMessageId());
        boolean fresh;
        try {
            fresh = recorder.record(image, kept.getParent());
        } catch (IOException e) {
            deleteUnlessRecorded(kept);
            return NOT_RECORDED;
        }
        if (!fresh) {
            log.debug("association {}: instance {} was received before; kept the first", request.association().id(),
                    request.sopInstanceUid());
            delete(kept);
        }
        return header.sopClassUid() != null ? StoreResult.SUCCESS
                : new StoreResult(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING, "the data set has no SOP Class UID");
    }

    /** What the receiver takes from a data set: its identity and the keys batch assembly groups by. */
    private record Header(String sopClassUid, String sopInstanceUid, String studyInstanceUid, String seriesInstanceUid,
                          String accessionNumber) {

        static Header of(Dataset dataset) {
            return new Header(dataset.getString(Tag.SOPClassUID), dataset.getString(Tag.SOPInstanceUID),
                    dataset.getString(Tag.StudyInstanceUID), dataset.getString(Tag.SeriesInstanceUID),
                    dataset.getString(Tag.AccessionNumber));
        }

        /** The longest value an image row holds of each: a UID's 64 characters (PS3.5 9.1), and as much of an Accession Number. */
        private static final int LONGEST = 64;

        /**
         * C000 when a value the image row keeps is longer than a valid one can be (retrying could never
         * help, so the refusal is permanent), A900 when the data set is another instance, or of another
         * SOP class, than the command says.
         */
        StoreResult refusal(StoreRequest request) {
            for (String[] value : new String[][] {{"Study Instance UID", studyInstanceUid}, {"Series Instance UID", seriesInstanceUid},
                    {"Accession Number", accessionNumber}, {"SOP Instance UID", sopInstanceUid}, {"SOP Class UID", sopClassUid}}) {
                if (value[1] != null && value[1].length() > LONGEST) {
                    return new StoreResult(Status.CANNOT_UNDERSTAND, "the data set's " + value[0] + " is longer than " + LONGEST + " characters");
                }
            }
            if (sopClassUid != null && !sopClassUid.equals(request.sopClassUid())) {
                return new StoreResult(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "the data set's SOP Class UID is not the command's");
            }
            if (!request.sopInstanceUid().equals(sopInstanceUid)) {
                return new StoreResult(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "the data set's SOP Instance UID is not the command's");
            }
            return null;
        }
    }

    /**
     * After a failed record the file goes, unless the record was made after all and only its answer
     * was lost (a commit whose acknowledgement the connection dropped): then the file is the image's.
     * When the database cannot say, the file stays for the spool sweep of the next start to decide.
     */
    private void deleteUnlessRecorded(Path kept) {
        boolean recorded;
        try {
            recorded = images.existsBySpoolPath(spool.spoolPath(kept));
        } catch (RuntimeException e) {
            log.warn("cannot tell whether {} was recorded ({}): the next start's spool sweep decides", kept.getFileName(),
                    Failures.withoutValues(e));
            return;
        }
        if (!recorded) {
            delete(kept);
        }
    }

    /** Deletes a spool file no image needs; one that resists is an unrecorded file, which the next start's sweep removes. */
    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}; the next start's spool sweep removes it", file.getFileName(), e.getMessage());
        }
    }
}
