package io.deidq.receiver;

import io.deidq.batch.BatchAssembly;
import io.deidq.batch.Image;
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
 * readable DICOM and is the instance the command announced, keep the file, record the image, and only then
 * answer success. Anything that goes wrong on this side is answered with a failure status and
 * leaves no file: the sender still has the instance and can send it again.
 */
final class ReceiverStoreHandler implements StoreHandler {

    private static final Logger log = LoggerFactory.getLogger(ReceiverStoreHandler.class);
    /**
     * Every element and fragment is parsed, so that a data set cut short (its last fragment sent too
     * early) is refused rather than acknowledged: the pipeline, reading it later, would fail when the
     * sender no longer holds it. Values beyond a few identifiers' length stay in the file.
     */
    private static final ReadOptions WHOLE_STRUCTURE = ReadOptions.DEFAULT.withBulkThreshold(1024);

    private final SpoolStore spool;
    private final ImageRecorder recorder;
    private final BatchAssembly batchAssembly;
    private final long minFreeSpace;

    ReceiverStoreHandler(SpoolStore spool, ImageRecorder recorder, BatchAssembly batchAssembly, long minFreeSpace) {
        this.spool = spool;
        this.recorder = recorder;
        this.batchAssembly = batchAssembly;
        this.minFreeSpace = minFreeSpace;
    }

    @Override
    public void opened(Association association) {
        batchAssembly.associationOpened(new ReceivedAssociation(association.id(), association.callingAeTitle(),
                association.calledAeTitle(), association.socket().getInetAddress().getHostAddress(), Instant.now()));
        log.info("association {} from {} ({}) established", association.id(), association.callingAeTitle(),
                association.socket().getInetAddress().getHostAddress());
    }

    @Override
    public void closed(Association association, boolean released) {
        batchAssembly.associationClosed(association.id(), released);
        log.info("association {} from {} {}", association.id(), association.callingAeTitle(), released ? "released" : "aborted");
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
        Path kept = null;
        try {
            Dataset header;
            try (DicomFile file = DicomReader.readFile(spooled.file(), WHOLE_STRUCTURE)) {
                header = file.dataset();
            } catch (DicomParseException e) {
                return new StoreResult(Status.CANNOT_UNDERSTAND, "at byte " + e.offset() + ": " + e.reason());
            }
            StoreResult mismatch = mismatch(request, header);
            if (mismatch != null) {
                return mismatch;
            }
            kept = spool.keep(spooled);
            Image image = new Image(request.sopInstanceUid(), request.sopClassUid(), request.transferSyntaxUid(),
                    header.getString(Tag.StudyInstanceUID), header.getString(Tag.SeriesInstanceUID),
                    header.getString(Tag.AccessionNumber), kept.toString(), spooled.size(), spooled.crc32c(), Instant.now(),
                    request.association().id(), request.moveOriginatorAeTitle(), request.moveOriginatorMessageId());
            if (!recorder.record(image)) {
                log.debug("association {}: instance {} was received before; kept the first", request.association().id(), request.sopInstanceUid());
                Files.delete(kept);
            }
            kept = null;
            return header.contains(Tag.SOPClassUID) ? StoreResult.SUCCESS
                    : new StoreResult(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING, "the data set has no SOP Class UID");
        } catch (IOException | RuntimeException e) {
            log.error("association {}: cannot keep a received instance: {}", request.association().id(), e.getMessage());
            return new StoreResult(Status.OUT_OF_RESOURCES, "cannot keep the instance");
        } finally {
            Files.deleteIfExists(spooled.file());
            if (kept != null) {
                Files.deleteIfExists(kept);
            }
        }
    }

    /** A900 when the data set is another instance, or of another SOP class, than the command says. */
    private static StoreResult mismatch(StoreRequest request, Dataset header) {
        String sopClass = header.getString(Tag.SOPClassUID);
        if (sopClass != null && !sopClass.equals(request.sopClassUid())) {
            return new StoreResult(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "the data set's SOP Class UID is not the command's");
        }
        if (!request.sopInstanceUid().equals(header.getString(Tag.SOPInstanceUID))) {
            return new StoreResult(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "the data set's SOP Instance UID is not the command's");
        }
        return null;
    }
}
