package io.deidq.dicom.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.text.DicomDump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the reader (Jazzer). Any input is either refused with a
 * {@link DicomParseException} or read; what is read is written back as a Part 10 file and reads
 * again to the same dump. Nothing else may happen: no other exception, no OutOfMemoryError or StackOverflowError,
 * no endless loop (Jazzer reports a timeout). In {@code default-test} this runs the seeds and
 * every crash ever found (the files next to this class, under DicomReaderFuzzTestInputs); the
 * {@code fuzzing} execution of the build fuzzes for {@code maxDuration}.
 */
class DicomReaderFuzzTest {

    @FuzzTest(maxDuration = "90s")
    void readsOrRefusesAndRewritesFaithfully(byte[] input) throws IOException {
        DicomFile file;
        try {
            file = DicomReader.read(input, "fuzz input", ReadOptions.DEFAULT);
        } catch (DicomParseException refused) {
            return;
        }
        // As deidq writes every file: Part 10, with File Meta Information naming the transfer syntax.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[128]);
        out.write(new byte[] {'D', 'I', 'C', 'M'});
        Dataset meta = FileMetaInformation.create("1.2.3", "1.2.3.4", file.transferSyntax().uid(), null);
        DicomWriter.writeDataset(Channels.newChannel(out), meta, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        DicomWriter.writeDataset(Channels.newChannel(out), file.dataset(), file.transferSyntax());

        DicomFile again = DicomReader.read(out.toByteArray(), "rewritten fuzz input", ReadOptions.DEFAULT);

        assertThat(again.transferSyntax()).isEqualTo(file.transferSyntax());
        assertThat(withoutGroupLengths(dump(again))).isEqualTo(withoutGroupLengths(dump(file)));
    }

    private static String dump(DicomFile file) {
        StringBuilder text = new StringBuilder();
        try {
            new DicomDump(text, true).dataset(file.dataset(), file.transferSyntax(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** A writer recomputes group lengths, which the input may have had wrong. */
    private static String withoutGroupLengths(String dump) {
        return dump.lines().filter(line -> !line.matches(" *\\([0-9a-f]{4},0000\\).*")).collect(Collectors.joining("\n"));
    }
}
