package io.deidq.receiver;

import io.deidq.batch.BatchAssembly;
import io.deidq.batch.Image;
import io.deidq.batch.ImageRepository;
import io.deidq.batch.ReceivedAssociation;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.ReadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * At start-up, tidies what a crash left in the spool from before. Partial files (".part": data sets
 * cut off while being received, inflated copies of deflated data sets) go. A kept file (".dcm")
 * that no image row names is whole (it is kept only after its data set was fsynced and checked),
 * but the record of it is missing: the process died before the record was made (its sender was
 * not answered and will send it again), or the database lost it (H2 does not fsync its commits, so
 * a power cut can take back a commit the sender was answered for). Either way the file is recorded
 * now, as received over a "spool sweep" association of its own; a resend then finds it recorded.
 * Only a kept file that cannot be read goes. The sweep runs only while no receiver uses the spool
 * ({@link SpoolLock}): every file there is then a leftover.
 */
final class SpoolJanitor {

    private static final Logger log = LoggerFactory.getLogger(SpoolJanitor.class);

    private final SpoolStore spool;
    private final ImageRepository images;
    private final BatchAssembly batchAssembly;
    private final String aeTitle;

    SpoolJanitor(SpoolStore spool, ImageRepository images, BatchAssembly batchAssembly, String aeTitle) {
        this.spool = spool;
        this.images = images;
        this.batchAssembly = batchAssembly;
        this.aeTitle = aeTitle;
    }

    void sweep() throws IOException {
        int partial = 0;
        for (Path file : files(spool.root(), SpoolStore.PARTIAL)) {
            Files.deleteIfExists(file);
            partial++;
        }
        ReceivedAssociation sweep = null;
        int recovered = 0;
        int unreadable = 0;
        int resent = 0;
        for (Path file : files(spool.images(), SpoolStore.KEPT)) {
            if (images.existsBySpoolPath(spool.spoolPath(file))) {
                continue;
            }
            if (sweep == null) {
                sweep = new ReceivedAssociation(UUID.randomUUID().toString(), "SPOOL-SWEEP", aeTitle, "spool sweep", Instant.now(),
                        spool.id());
                batchAssembly.associationOpened(sweep);
            }
            Image image = image(file, sweep.id());
            if (image == null) {
                Files.deleteIfExists(file);
                unreadable++;
            } else if (batchAssembly.imagesReceived(List.of(image)).isEmpty()) {
                Files.deleteIfExists(file);
                resent++;
            } else {
                recovered++;
            }
        }
        if (sweep != null) {
            batchAssembly.associationClosed(sweep.id(), false);
        }
        if (partial + recovered + unreadable + resent > 0) {
            log.warn("spool sweep: removed {} partial files; recorded {} whole but unrecorded images; removed {} unreadable ones and {} "
                    + "recorded since from a resend", partial, recovered, unreadable, resent);
        }
    }

    /** The image a kept file holds, or null when the file cannot be read through as DICOM. */
    private Image image(Path file, String associationId) throws IOException {
        Dataset meta;
        Dataset dataset;
        try (DicomFile dicom = DicomReader.readFile(file, ReadOptions.DEFAULT)) {
            meta = dicom.fileMeta();
            dataset = dicom.dataset();
        } catch (IOException | RuntimeException e) {
            log.debug("spool sweep: {} cannot be read", file, e);
            return null;
        }
        String sopInstanceUid = meta.getString(Tag.MediaStorageSOPInstanceUID);
        String sopClassUid = meta.getString(Tag.MediaStorageSOPClassUID);
        String transferSyntaxUid = meta.getString(Tag.TransferSyntaxUID);
        if (sopInstanceUid == null || sopClassUid == null || transferSyntaxUid == null) {
            return null;
        }
        CRC32C crc = new CRC32C();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[256 * 1024];
            int n;
            while ((n = in.read(chunk)) > 0) {
                crc.update(chunk, 0, n);
                size += n;
            }
        }
        return new Image(sopInstanceUid, sopClassUid, transferSyntaxUid, dataset.getString(Tag.StudyInstanceUID),
                dataset.getString(Tag.SeriesInstanceUID), dataset.getString(Tag.AccessionNumber), spool.spoolPath(file), size,
                String.format("%08x", crc.getValue()), Files.getLastModifiedTime(file).toInstant(), associationId, null, null);
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(suffix)).toList();
        }
    }
}
