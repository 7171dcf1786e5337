package io.deidq.receiver;

import io.deidq.batch.BatchAssembly;
import io.deidq.batch.Image;
import io.deidq.batch.ImageRepository;
import io.deidq.batch.ReceivedAssociation;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The start-up sweep: what a crash left goes, what is recorded stays, however the spool is reached. */
class SpoolJanitorTest {

    private static final String RECORDED = "images/2026-01-02/recorded.dcm";

    @TempDir
    Path dir;

    private final ImageRepository images = mock(ImageRepository.class);
    private final BatchAssembly batchAssembly = mock(BatchAssembly.class);

    @Test
    void partialAndUnreadableFilesGoRecordedAndForeignOnesStay() throws IOException {
        Path root = dir.resolve("spool");
        new SpoolStore(root, "DEIDQ");
        Path recorded = leftover(root, RECORDED);
        Path unrecorded = leftover(root, "images/2026-01-02/unrecorded.dcm");
        Path partial = leftover(root, "incoming/partial.part");
        Path foreign = leftover(root, "images/README.txt");
        when(images.existsBySpoolPath(anyString())).thenReturn(false);
        when(images.existsBySpoolPath(RECORDED)).thenReturn(true);

        new SpoolJanitor(new SpoolStore(root, "DEIDQ"), images, batchAssembly, "DEIDQ").sweep();

        assertThat(recorded).exists();
        assertThat(foreign).exists();
        assertThat(unrecorded).doesNotExist();
        assertThat(partial).doesNotExist();
    }

    @Test
    void aSpoolReachedByAnotherPathThanBeforeKeepsItsRecordedFiles() throws IOException {
        Path root = dir.resolve("spool");
        new SpoolStore(root, "DEIDQ");
        Path recorded = leftover(root, RECORDED);
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir);
        when(images.existsBySpoolPath(anyString())).thenReturn(false);
        when(images.existsBySpoolPath(RECORDED)).thenReturn(true);

        new SpoolJanitor(new SpoolStore(link.resolve("./spool"), "DEIDQ"), images, batchAssembly, "DEIDQ").sweep();

        assertThat(recorded).exists();
    }

    @Test
    void aWholeFileLeftUnrecordedIsRecordedOverASweepAssociationUnlessARecordCameMeanwhile() throws IOException {
        Path root = dir.resolve("spool");
        SpoolStore spool = new SpoolStore(root, "DEIDQ");
        Path whole = image(root.resolve("images/2026-01-02/whole.dcm"), "1.2.826.0.1.3680043.9.7433.30.1");
        Path resent = image(root.resolve("images/2026-01-02/resent.dcm"), "1.2.826.0.1.3680043.9.7433.30.2");
        when(images.existsBySpoolPath(anyString())).thenReturn(false);
        when(batchAssembly.imagesReceived(anyList())).thenAnswer(call -> {
            List<Image> received = call.getArgument(0);
            return received.get(0).sopInstanceUid().endsWith(".2") ? List.of() : received;
        });

        new SpoolJanitor(spool, images, batchAssembly, "DEIDQ").sweep();

        assertThat(whole).exists();
        assertThat(resent).as("recorded meanwhile from a resend: this copy is not needed").doesNotExist();
        ArgumentCaptor<ReceivedAssociation> association = ArgumentCaptor.forClass(ReceivedAssociation.class);
        verify(batchAssembly).associationOpened(association.capture());
        assertThat(association.getValue().callingAeTitle()).isEqualTo("SPOOL-SWEEP");
        assertThat(association.getValue().spoolId()).as("the sweep's association is its spool's").isEqualTo(spool.id());
        verify(batchAssembly).associationClosed(association.getValue().id(), false);
        ArgumentCaptor<List<Image>> recorded = ArgumentCaptor.forClass(List.class);
        verify(batchAssembly, times(2)).imagesReceived(recorded.capture());
        Image image = recorded.getAllValues().stream().flatMap(List::stream)
                .filter(i -> i.sopInstanceUid().endsWith(".1")).findFirst().orElseThrow();
        assertThat(image.spoolPath()).isEqualTo("images/2026-01-02/whole.dcm");
        assertThat(image.sizeBytes()).isEqualTo(Files.size(whole));
        assertThat(image.crc32c()).isEqualTo(Part10.crc32c(whole));
        assertThat(image.accessionNumber()).isEqualTo("ACC-SWEEP");
        assertThat(image.associationId()).isEqualTo(association.getValue().id());
    }

    private static Path image(Path file, String sopInstanceUid) throws IOException {
        Files.createDirectories(file.getParent());
        Dataset dataset = new Dataset();
        dataset.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.putString(Tag.SOPInstanceUID, VR.UI, sopInstanceUid);
        dataset.putString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.9.7433.30.9");
        dataset.putString(Tag.AccessionNumber, VR.SH, "ACC-SWEEP");
        DicomWriter.writeFile(file, dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return file;
    }

    private static Path leftover(Path root, String name) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1, 2, 3, 4});
        return file;
    }
}
