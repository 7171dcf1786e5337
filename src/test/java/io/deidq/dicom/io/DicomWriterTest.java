package io.deidq.dicom.io;

import io.deidq.dicom.data.BulkData;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Fragments;
import io.deidq.dicom.data.Sequence;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import io.deidq.testing.Encoded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DicomWriterTest {

    @TempDir
    Path tmp;

    @Test
    void rewritesEachEncodingByteForByte() throws IOException {
        byte[] item = Encoded.littleEndian().explicit(Tag.CodeValue, "SH", "121071").bytes();
        byte[] explicit = Encoded.littleEndian()
                .explicit(Tag.SpecificCharacterSet, "CS", "ISO_IR 100")
                .explicit(Tag.PatientName, "PN", "M\u00fcller^J")
                .explicit(Tag.Rows, "US", new byte[] {1, 2})
                .explicitHeader(Tag.ConceptNameCodeSequence, "SQ", 8 + item.length).item(item.length).raw(item)
                .explicitHeader(Tag.ContentSequence, "SQ", Encoded.UNDEFINED)
                .item(Encoded.UNDEFINED).raw(item).itemEnd().item(0).sequenceEnd()
                .explicit(Tag.PixelData, "OW", new byte[] {1, 2, 3, 4})
                .bytes();
        assertRoundTrip(explicit, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        byte[] implicitItem = Encoded.littleEndian().implicit(Tag.CodeValue, "121071").bytes();
        byte[] implicit = Encoded.littleEndian()
                .implicit(Tag.SpecificCharacterSet, "ISO_IR 100")
                .implicit(Tag.Rows, new byte[] {1, 2})
                .implicitHeader(Tag.ContentSequence, Encoded.UNDEFINED).item(implicitItem.length).raw(implicitItem).sequenceEnd()
                .bytes();
        assertRoundTrip(implicit, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);

        byte[] big = Encoded.bigEndian()
                .explicit(0x00189089, "FD", new byte[] {0x3F, (byte) 0xF0, 0, 0, 0, 0, 0, 0})
                .explicit(Tag.ImagePositionPatient, "DS", "1\\2\\3")
                .explicit(Tag.Rows, "US", new byte[] {1, 2})
                .explicit(Tag.PixelData, "OW", new byte[] {1, 2, 3, 4})
                .bytes();
        assertRoundTrip(big, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
    }

    @Test
    void anUndefinedLengthUNIsWrittenBackAsItCame() throws IOException {
        byte[] item = Encoded.littleEndian().implicit(Tag.ReferencedSOPInstanceUID, "1.2.3").bytes();
        byte[] explicit = Encoded.littleEndian()
                .explicit(0x00090010, "LO", "SOME CREATOR")
                .explicitHeader(0x00091010, "UN", Encoded.UNDEFINED).item(Encoded.UNDEFINED).raw(item).itemEnd().sequenceEnd()
                .bytes();
        assertRoundTrip(explicit, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    @Test
    void groupLengthsAreRecomputedAndOddValuesPadded() throws IOException {
        Dataset ds = new Dataset();
        ds.put(Element.of(0x00080000, VR.UL, new byte[4]));
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
        ds.putString(Tag.Modality, VR.CS, "CT");
        ds.putString(Tag.PatientName, VR.PN, "Doe");

        byte[] written = write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        Dataset back = DicomReader.readDataset(written, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, "written");
        assertThat(back.getLong(0x00080000, -1)).isEqualTo(8 + 6 + 8 + 2);
        assertThat(back.get(Tag.SOPInstanceUID).bytes()).containsExactly('1', '.', '2', '.', '3', 0);
        assertThat(back.get(Tag.PatientName).bytes()).containsExactly('D', 'o', 'e', ' ');
    }

    @Test
    void aValueTooLongForItsVRsLengthFieldBecomesUN() throws IOException {
        Dataset ds = new Dataset();
        byte[] value = new byte[70_000];
        Arrays.fill(value, (byte) 'A');
        ds.put(Element.of(Tag.StudyDescription, VR.LO, value));

        Dataset back = DicomReader.readDataset(write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, "written");

        assertThat(back.get(Tag.StudyDescription).vr()).isEqualTo(VR.UN);
        assertThat(back.get(Tag.StudyDescription).bytes()).isEqualTo(value);
    }

    @Test
    void bigEndianOutputSwapsEachValueInItsUnit() throws IOException {
        Dataset ds = new Dataset();
        ds.putLong(Tag.Rows, VR.US, 0x0102);
        ds.putLong(Tag.SelectorATValue, VR.AT, Tag.PatientName);
        ds.put(Element.of(Tag.PixelData, VR.OW, new byte[] {1, 2, 3, 4}));

        byte[] written = write(ds, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);

        assertThat(written).isEqualTo(Encoded.bigEndian()
                .explicit(Tag.Rows, "US", new byte[] {1, 2})
                .explicit(Tag.SelectorATValue, "AT", new byte[] {0, 0x10, 0, 0x10})
                .explicit(Tag.PixelData, "OW", new byte[] {2, 1, 4, 3})
                .bytes());
    }

    @Test
    void bulkDataIsCopiedFromItsFileAndSwappedWhenTheByteOrderChanges() throws IOException {
        Path source = tmp.resolve("source.raw");
        Files.write(source, new byte[] {9, 9, 1, 2, 3, 4, 9});
        Dataset ds = new Dataset();
        ds.put(Element.of(Tag.PixelData, VR.OW, new BulkData(source, 2, 4, true)));

        byte[] written = write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(written).isEqualTo(Encoded.littleEndian().explicit(Tag.PixelData, "OW", new byte[] {2, 1, 4, 3}).bytes());

        Path file = tmp.resolve("out.dcm");
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
        DicomWriter.writeFile(file, ds, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        try (DicomFile back = DicomReader.readFile(file, ReadOptions.DEFAULT.withBulkThreshold(4))) {
            BulkData copied = back.dataset().get(Tag.PixelData).bulkData();
            assertThat(copied.bigEndian()).isTrue();
            assertThat(copied.read(0, 4, 2)).containsExactly(2, 1, 4, 3);
        }
    }

    @Test
    void theFileMetaInformationIsBuiltAfreshWithDeidqsImplementation() throws IOException {
        Dataset ds = new Dataset();
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4");
        Path file = tmp.resolve("meta.dcm");

        DicomWriter.writeFile(file, ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOfRange(bytes, 0, 128)).containsOnly(0);
        assertThat(new String(bytes, 128, 4)).isEqualTo("DICM");
        try (DicomFile back = DicomReader.readFile(file)) {
            Dataset meta = back.fileMeta();
            assertThat(meta.getString(Tag.MediaStorageSOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
            assertThat(meta.getString(Tag.MediaStorageSOPInstanceUID)).isEqualTo("1.2.3.4");
            assertThat(meta.getString(Tag.TransferSyntaxUID)).isEqualTo("1.2.840.10008.1.2");
            assertThat(meta.getString(Tag.ImplementationClassUID)).isEqualTo(Implementation.CLASS_UID);
            assertThat(meta.getString(Tag.ImplementationVersionName)).isEqualTo(Implementation.VERSION_NAME).startsWith("DEIDQ_");
            long groupLength = DicomWriter.encodedLength(meta, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN) - 12;
            assertThat(meta.getLong(Tag.FileMetaInformationGroupLength, 0)).isEqualTo(groupLength);
            assertThat(back.transferSyntax()).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        }
    }

    @Test
    void deflatedFilesAreWrittenAndReadBack() throws IOException {
        Dataset ds = new Dataset();
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
        ds.putString(Tag.ImageComments, VR.LT, "x".repeat(10_000));
        Path file = tmp.resolve("deflated.dcm");

        DicomWriter.writeFile(file, ds, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

        assertThat(Files.size(file)).isLessThan(1_000);
        try (DicomFile back = DicomReader.readFile(file)) {
            assertThat(back.dataset().getString(Tag.ImageComments)).hasSize(10_000);
        }
    }

    @Test
    void aDeflatedDataSetIsPaddedToEvenLength() throws IOException {
        Random random = new Random(7);
        for (int length = 2; length <= 80; length += 2) {
            StringBuilder comment = new StringBuilder();
            random.ints(length, 'a', 'z' + 1).forEach(c -> comment.append((char) c));
            Dataset ds = new Dataset();
            ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
            ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
            ds.putString(Tag.ImageComments, VR.LT, comment.toString());
            Path file = tmp.resolve("deflated-" + length + ".dcm");

            DicomWriter.writeFile(file, ds, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

            try (DicomFile back = DicomReader.readFile(file)) {
                assertThat((Files.size(file) - back.datasetOffset()) % 2).as("deflated length, comment of %d", length).isZero();
                assertThat(back.dataset().getString(Tag.ImageComments)).isEqualTo(comment.toString());
            }
        }
    }

    @Test
    void pixelDataIsNeverConvertedBetweenNativeAndEncapsulated() {
        Dataset compressed = new Dataset();
        Fragments fragments = new Fragments();
        fragments.add(new byte[0]);
        compressed.put(Element.of(Tag.PixelData, VR.OB, fragments));
        Dataset nativePixels = new Dataset();
        nativePixels.put(Element.of(Tag.PixelData, VR.OW, new byte[4]));

        assertThatThrownBy(() -> write(compressed, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
                .hasMessageContaining("compressed (encapsulated) Pixel Data").hasMessageContaining("without decompressing");
        assertThatThrownBy(() -> write(nativePixels, TransferSyntax.of("1.2.840.10008.1.2.4.50")))
                .hasMessageContaining("native Pixel Data").hasMessageContaining("without compressing");
    }

    @Test
    void encodedLengthIsWhatIsWritten() throws IOException {
        Dataset ds = new Dataset();
        Sequence sequence = new Sequence(false);
        Dataset item = new Dataset();
        item.putString(Tag.CodeValue, VR.SH, "1");
        sequence.add(item);
        ds.put(Element.of(Tag.ConceptNameCodeSequence, VR.SQ, sequence));
        ds.putString(Tag.PatientName, VR.PN, "ABC");
        for (TransferSyntax ts : new TransferSyntax[] {TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN}) {
            assertThat(DicomWriter.encodedLength(ds, ts)).isEqualTo(write(ds, ts).length);
        }
    }

    private static void assertRoundTrip(byte[] encoded, TransferSyntax ts) throws IOException {
        Dataset ds = DicomReader.readDataset(encoded, ts, "input");
        assertThat(write(ds, ts)).isEqualTo(encoded);
    }

    private static byte[] write(Dataset ds, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(Channels.newChannel(out), ds, ts);
        return out.toByteArray();
    }
}
