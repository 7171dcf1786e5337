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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DicomReaderTest {

    private static final String EXPLICIT = "1.2.840.10008.1.2.1";
    private static final String IMPLICIT = "1.2.840.10008.1.2";
    private static final String BIG = "1.2.840.10008.1.2.2";

    @TempDir
    Path tmp;

    @Test
    void readsAPart10FileInExplicitLittleEndian() throws IOException {
        byte[] file = Encoded.part10(EXPLICIT)
                .explicit(Tag.SOPInstanceUID, "UI", "1.2.3")
                .explicit(Tag.PatientName, "PN", "Doe^John")
                .explicit(Tag.Rows, "US", new byte[] {0x00, 0x02})
                .bytes();

        DicomFile dicom = read(file);

        assertThat(dicom.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(dicom.fileMeta().getString(Tag.TransferSyntaxUID)).isEqualTo(EXPLICIT);
        assertThat(dicom.dataset().getString(Tag.SOPInstanceUID)).isEqualTo("1.2.3");
        assertThat(dicom.dataset().getString(Tag.PatientName)).isEqualTo("Doe^John");
        assertThat(dicom.dataset().getInt(Tag.Rows, -1)).isEqualTo(512);
        assertThat(dicom.dataset().get(Tag.PatientName).vr()).isEqualTo(VR.PN);
    }

    @Test
    void tellsWhereTheDataSetBeginsAfterFileMetaOrAtZeroForABareDataSet() throws IOException {
        Encoded dataset = Encoded.littleEndian().explicit(Tag.SOPInstanceUID, "UI", "1.2.3").explicit(Tag.PatientName, "PN", "Doe^John");
        byte[] file = Encoded.part10(EXPLICIT).explicit(Tag.SOPInstanceUID, "UI", "1.2.3").explicit(Tag.PatientName, "PN", "Doe^John").bytes();

        long offset = read(file).datasetOffset();

        assertThat(Arrays.copyOfRange(file, (int) offset, file.length)).isEqualTo(dataset.bytes());
        assertThat(DicomReader.read(dataset.bytes(), "bare", ReadOptions.DEFAULT).datasetOffset()).isZero();
    }

    @Test
    void aDeflatedFileIsInflatedBesideItsSourceOwnerOnlyAndTheCopyGoesWithTheFile() throws IOException {
        Dataset ds = new Dataset();
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
        ds.putString(Tag.PatientName, VR.PN, "Doe^John");
        Path spool = Files.createDirectories(tmp.resolve("spool"));
        Path file = spool.resolve("image.dcm");
        DicomWriter.writeFile(file, ds, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

        try (DicomFile dicom = DicomReader.readFile(file)) {
            assertThat(dicom.dataset().getString(Tag.PatientName)).isEqualTo("Doe^John");
            List<Path> copies;
            try (Stream<Path> list = Files.list(spool)) {
                copies = list.filter(p -> !p.equals(file)).toList();
            }
            assertThat(copies).singleElement().satisfies(copy -> {
                assertThat(copy.getFileName().toString()).startsWith(".image.dcm.inflated-").endsWith(".part");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
            });
        }
        try (Stream<Path> list = Files.list(spool)) {
            assertThat(list.toList()).containsExactly(file);
        }
    }

    @Test
    void implicitVRTakesTheVRFromTheDictionaryThePrivateDictionaryOrUN() throws IOException {
        byte[] file = Encoded.part10(IMPLICIT)
                .implicit(0x00080000, Encoded.littleEndian().u32(0).bytes())
                .implicit(Tag.PatientName, "Doe^John")
                .implicit(0x00190010, "GEMS_ACQU_01")
                .implicit(0x00191002, Encoded.littleEndian().u32(7).bytes())
                .implicit(0x001910FE, new byte[] {1, 2})
                .implicit(0x00290010, "UNKNOWN CREATOR")
                .implicit(0x00291001, new byte[] {1, 2})
                .implicit(Tag.PixelRepresentation, Encoded.littleEndian().u16(1).bytes())
                .implicit(Tag.SmallestImagePixelValue, Encoded.littleEndian().u16(0xFFFE).bytes())
                .bytes();

        Dataset ds = read(file).dataset();

        assertThat(ds.get(0x00080000).vr()).isEqualTo(VR.UL);
        assertThat(ds.get(Tag.PatientName).vr()).isEqualTo(VR.PN);
        assertThat(ds.get(0x00190010).vr()).isEqualTo(VR.LO);
        assertThat(ds.get(0x00191002).vr()).as("GEMS_ACQU_01 (0019,xx02) is SL in the private dictionary").isEqualTo(VR.SL);
        assertThat(ds.get(0x001910FE).vr()).isEqualTo(VR.UN);
        assertThat(ds.get(0x00291001).vr()).isEqualTo(VR.UN);
        assertThat(ds.get(Tag.SmallestImagePixelValue).vr()).as("signed pixels make US|SS an SS").isEqualTo(VR.SS);
        assertThat(ds.getInt(Tag.SmallestImagePixelValue, 0)).isEqualTo(-2);
    }

    @Test
    void bigEndianValuesAreHeldLittleEndian() throws IOException {
        byte[] file = Encoded.part10(BIG).raw(Encoded.bigEndian()
                .explicit(Tag.Rows, "US", new byte[] {0x01, 0x02})
                .explicit(Tag.PatientName, "PN", "AB")
                .bytes()).bytes();

        Dataset ds = read(file).dataset();

        assertThat(ds.get(Tag.Rows).bytes()).containsExactly(0x02, 0x01);
        assertThat(ds.getInt(Tag.Rows, 0)).isEqualTo(0x0102);
        assertThat(ds.getString(Tag.PatientName)).isEqualTo("AB");
    }

    @Test
    void fileMetaEndsWhereItsGroupLengthSaysEvenIfABigEndianDataSetBeginsWithBytesThatReadAsGroup0002() throws IOException {
        // (0200,0100) in big endian is 02 00 01 00: group 0002 to a little endian reader. Found by the fuzz test.
        byte[] file = Encoded.part10(BIG).raw(Encoded.bigEndian()
                .explicit(0x02000100, "OB", new byte[] {1, 2, 3, 4, 5, 6, 7, 8})
                .bytes()).bytes();

        DicomFile dicom = read(file);

        assertThat(dicom.fileMeta().getString(Tag.TransferSyntaxUID)).isEqualTo(BIG);
        assertThat(dicom.dataset().get(0x02000100).bytes()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void deflatedDataSetsAreInflatedFromFilesAndFromMemory() throws IOException {
        byte[] dataset = Encoded.littleEndian().explicit(Tag.PatientID, "LO", "12345678").bytes();
        byte[] file = Encoded.part10("1.2.840.10008.1.2.1.99").raw(deflate(dataset)).bytes();
        Path path = tmp.resolve("deflated.dcm");
        Files.write(path, file);

        try (DicomFile dicom = DicomReader.readFile(path)) {
            assertThat(dicom.transferSyntax().deflated()).isTrue();
            assertThat(dicom.dataset().getString(Tag.PatientID)).isEqualTo("12345678");
        }
        assertThat(DicomReader.read(file, "memory", ReadOptions.DEFAULT).dataset().getString(Tag.PatientID)).isEqualTo("12345678");
    }

    @Test
    void recognisesTheEncodingOfBareDataSetsAndFindsMetaWithoutAPreamble() throws IOException {
        byte[] explicit = Encoded.littleEndian().explicit(Tag.SpecificCharacterSet, "CS", "ISO_IR 100").explicit(Tag.PatientID, "LO", "X").bytes();
        byte[] implicit = Encoded.littleEndian().implicit(Tag.SpecificCharacterSet, "ISO_IR 100").implicit(Tag.PatientID, "X").bytes();
        byte[] big = Encoded.bigEndian().explicit(Tag.SpecificCharacterSet, "CS", "ISO_IR 100").explicit(Tag.PatientID, "LO", "X").bytes();

        assertThat(read(explicit).transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(read(implicit).transferSyntax()).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(read(big).transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        assertThat(read(big).dataset().getString(Tag.PatientID)).isEqualTo("X");

        byte[] withPreamble = Encoded.part10(IMPLICIT).raw(implicit).bytes();
        byte[] withoutPreamble = java.util.Arrays.copyOfRange(withPreamble, 132, withPreamble.length);
        DicomFile noPreamble = read(withoutPreamble);
        assertThat(noPreamble.fileMeta().getString(Tag.TransferSyntaxUID)).isEqualTo(IMPLICIT);
        assertThat(noPreamble.dataset().getString(Tag.PatientID)).isEqualTo("X");
    }

    @Test
    void readsSequencesOfDefinedAndUndefinedLengthNestedAndKeepsTheirEncoding() throws IOException {
        byte[] innermost = Encoded.littleEndian().explicit(Tag.CodeValue, "SH", "121071").bytes();
        byte[] innerItem = Encoded.littleEndian()
                .explicitHeader(Tag.ConceptNameCodeSequence, "SQ", Encoded.UNDEFINED)
                .item(innermost.length).raw(innermost)
                .sequenceEnd().bytes();
        byte[] outerItemContent = Encoded.littleEndian().raw(innerItem).bytes();
        byte[] file = Encoded.part10(EXPLICIT)
                .explicitHeader(Tag.ContentSequence, "SQ", 8 + outerItemContent.length + 8 + 8 + 0)
                .item(outerItemContent.length).raw(outerItemContent)
                .item(Encoded.UNDEFINED).itemEnd()
                .explicitHeader(Tag.ReferencedImageSequence, "SQ", Encoded.UNDEFINED).sequenceEnd()
                .bytes();

        Dataset ds = read(file).dataset();

        Sequence content = ds.get(Tag.ContentSequence).sequence();
        assertThat(content.undefinedLength()).isFalse();
        assertThat(content.size()).isEqualTo(2);
        assertThat(content.get(0).undefinedLength()).isFalse();
        assertThat(content.get(1).undefinedLength()).isTrue();
        assertThat(content.get(1).isEmpty()).isTrue();
        Sequence concept = content.get(0).get(Tag.ConceptNameCodeSequence).sequence();
        assertThat(concept.undefinedLength()).isTrue();
        assertThat(concept.get(0).getString(Tag.CodeValue)).isEqualTo("121071");
        assertThat(concept.get(0).parent()).isSameAs(content.get(0));
        assertThat(ds.get(Tag.ReferencedImageSequence).sequence().isEmpty()).isTrue();
    }

    @Test
    void anUndefinedLengthUNIsASequenceOfImplicitVRItems() throws IOException {
        byte[] item = Encoded.littleEndian().implicit(Tag.ReferencedSOPInstanceUID, "1.2.3").bytes();
        byte[] file = Encoded.part10(EXPLICIT)
                .explicit(0x00090010, "LO", "SOME CREATOR")
                .explicitHeader(0x00091010, "UN", Encoded.UNDEFINED)
                .item(Encoded.UNDEFINED).raw(item).itemEnd()
                .sequenceEnd()
                .explicit(Tag.PatientID, "LO", "AFTER")
                .bytes();

        Dataset ds = read(file).dataset();

        Element un = ds.get(0x00091010);
        assertThat(un.vr()).isEqualTo(VR.UN);
        assertThat(un.sequence().implicitLittleEndianItems()).isTrue();
        assertThat(un.sequence().get(0).get(Tag.ReferencedSOPInstanceUID).vr()).isEqualTo(VR.UI);
        assertThat(un.sequence().get(0).getString(Tag.ReferencedSOPInstanceUID)).isEqualTo("1.2.3");
        assertThat(ds.getString(Tag.PatientID)).isEqualTo("AFTER");
    }

    @Test
    void encapsulatedPixelDataKeepsItsFragmentsAndWhereTheyLie() throws IOException {
        Encoded e = Encoded.part10("1.2.840.10008.1.2.4.50")
                .explicitHeader(Tag.PixelData, "OB", Encoded.UNDEFINED);
        long encodedStart = e.size();
        byte[] file = e.item(0).item(4).raw(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9})
                .item(6).raw(new byte[6]).sequenceEnd().bytes();
        Path path = tmp.resolve("jpeg.dcm");
        Files.write(path, file);

        try (DicomFile dicom = DicomReader.readFile(path, ReadOptions.DEFAULT.withBulkThreshold(6))) {
            Fragments fragments = dicom.dataset().get(Tag.PixelData).fragments();
            assertThat(fragments.size()).isEqualTo(3);
            assertThat(fragments.length(0)).isZero();
            assertThat((byte[]) fragments.get(1)).containsExactly(0xFF, 0xD8, 0xFF, 0xD9);
            assertThat(fragments.get(2)).isInstanceOf(BulkData.class);
            assertThat(fragments.encoded()).isEqualTo(new BulkData(path, encodedStart, file.length - encodedStart, false));
        }
    }

    @Test
    void valuesFromTheThresholdOnAreBulkDataReferencesIntoTheFile() throws IOException {
        Encoded e = Encoded.part10(EXPLICIT).explicit(Tag.PatientID, "LO", "SHORT").explicitHeader(Tag.PixelData, "OW", 32);
        long offset = e.size();
        byte[] pixels = new byte[32];
        pixels[0] = 7;
        byte[] file = e.raw(pixels).bytes();
        Path path = tmp.resolve("bulk.dcm");
        Files.write(path, file);

        try (DicomFile dicom = DicomReader.readFile(path, ReadOptions.DEFAULT.withBulkThreshold(32))) {
            Element pixelData = dicom.dataset().get(Tag.PixelData);
            assertThat(pixelData.bulkData()).isEqualTo(new BulkData(path, offset, 32, false));
            assertThat(pixelData.bulkData().read(0, 2, 2)).containsExactly(7, 0);
            assertThat(dicom.dataset().get(Tag.PatientID).isInMemory()).isTrue();
        }
        assertThat(DicomReader.read(file, "memory", ReadOptions.DEFAULT.withBulkThreshold(32)).dataset().get(Tag.PixelData).isInMemory())
                .as("bytes already in memory stay there").isTrue();
    }

    @Test
    void headersOnlyStopsBeforePixelData() throws IOException {
        byte[] file = Encoded.part10(EXPLICIT).explicit(Tag.PatientID, "LO", "X")
                .explicit(Tag.PixelData, "OW", new byte[4]).explicit(0xFFFCFFFC, "OB", new byte[2]).bytes();

        Dataset ds = DicomReader.read(file, "memory", ReadOptions.headersOnly()).dataset();

        assertThat(ds.contains(Tag.PatientID)).isTrue();
        assertThat(ds.contains(Tag.PixelData)).isFalse();
        assertThat(ds.contains(0xFFFCFFFC)).isFalse();
    }

    @Test
    void aTruncatedFileNamesTheFileTheOffsetAndTheReason() throws IOException {
        byte[] whole = Encoded.part10(EXPLICIT).explicit(Tag.PatientID, "LO", "12345678").bytes();
        Path path = tmp.resolve("truncated.dcm");
        Files.write(path, java.util.Arrays.copyOf(whole, whole.length - 3));

        assertThatThrownBy(() -> DicomReader.readFile(path))
                .isInstanceOfSatisfying(DicomParseException.class, e -> {
                    assertThat(e.source()).isEqualTo(path.toString());
                    assertThat(e.offset()).isEqualTo(whole.length - 16);
                    assertThat(e.reason()).contains("(0010,0020)", "length 8", "only 5 bytes are left");
                    assertThat(e.getMessage()).startsWith(path + ": at byte " + (whole.length - 16) + ": ");
                });
        Files.write(path, java.util.Arrays.copyOf(whole, whole.length - 13));
        assertRejected(Files.readAllBytes(path), whole.length - 16, "too few for an element header");
    }

    @Test
    void malformedInputIsRefusedWithTheReason() {
        int start = Encoded.part10(EXPLICIT).size();
        assertRejected(Encoded.part10(EXPLICIT).explicit(Tag.PatientID, "LO", new byte[] {'A', 'B', 'C'}).bytes(), start, "odd length 3");
        assertRejected(Encoded.part10(EXPLICIT).explicitHeader(Tag.PatientID, "ZZ", 2).ascii("AB").bytes(), start + 4, "unknown VR 'ZZ'");
        assertRejected(Encoded.part10(EXPLICIT).explicitHeader(Tag.PatientID, "LO", 0xFFFE).ascii("AB").bytes(), start, "only 2 bytes are left");
        assertRejected(Encoded.part10(EXPLICIT).explicit(Tag.PatientID, "LO", "A").explicit(Tag.PatientID, "LO", "B").bytes(), start + 10, "appears twice");
        assertRejected(Encoded.part10(EXPLICIT).item(0).bytes(), start, "where a data element should start");
        assertRejected(Encoded.part10(EXPLICIT).explicitHeader(Tag.PatientID, "LO", 0).explicitHeader(Tag.StudyDescription, "LO", 0)
                .explicitHeader(Tag.ContentSequence, "SQ", Encoded.UNDEFINED).explicit(Tag.PatientName, "PN", "X").bytes(),
                start + 16 + 12, "where an item of sequence (0040,A730) should start");
        assertRejected(Encoded.part10(EXPLICIT).explicitHeader(Tag.ContentSequence, "SQ", Encoded.UNDEFINED).item(Encoded.UNDEFINED)
                .explicit(Tag.PatientID, "LO", "XY").bytes(), start + 12 + 8 + 10, "has no Item Delimitation Item");
        assertRejected(Encoded.part10(EXPLICIT).explicitHeader(Tag.ContentSequence, "SQ", Encoded.UNDEFINED).item(0).bytes(),
                start + 12 + 8, "ends without a Sequence Delimitation Item");
        assertRejected(Encoded.part10(EXPLICIT).explicitHeader(Tag.ContentSequence, "SQ", 8).item(100).bytes(),
                start + 12, "but only 0 bytes are left");
        assertRejected(Encoded.part10(EXPLICIT).explicitHeader(Tag.PatientID, "LO", 0xFFFE).bytes(), start, "but only 0 bytes");
        assertRejected(Encoded.part10(EXPLICIT).explicitHeader(Tag.PatientComments, "LT", 0).explicitHeader(Tag.StudyComments, "UT", Encoded.UNDEFINED).bytes(),
                start + 8, "undefined length");
        assertRejected(Encoded.part10(EXPLICIT).explicit(Tag.PatientID, "LO", "AB").explicit(Tag.ImplementationVersionName, "SH", "X").bytes(),
                start + 10, "File Meta Information element (0002,0013) inside the data set");
        assertRejected(Encoded.part10("1.2.840.10008.1.2.4.50").explicit(Tag.PixelData, "OB", new byte[2]).bytes(),
                start + 2, "Pixel Data has a defined length, but transfer syntax JPEGProcess1TransferSyntax encapsulates it");
        assertRejected(Encoded.part10(EXPLICIT).explicitHeader(Tag.PixelData, "OB", Encoded.UNDEFINED).item(0).sequenceEnd().bytes(),
                start, "Pixel Data is encapsulated, but transfer syntax LittleEndianExplicitTransferSyntax is native");
        assertRejected(Encoded.part10("1.2.840.10008.1.2.\u00e0").bytes(), Encoded.part10("1.2.840.10008.1.2.\u00e0").size(),
                "Transfer Syntax UID (0002,0010) is not a UID");
        assertRejected(Encoded.part10("1.2.840.10008.1.2.1.99").raw(new byte[] {0x07, 0, 0, 0}).bytes(), start + 2, "cannot be inflated");
    }

    @Test
    void nonDicomInputIsRefusedAsSuch() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertRejected(png, 0, "not a DICOM file");
        assertRejected(new byte[0], 0, "not a DICOM file: it is empty");
        assertRejected(new byte[] {8, 0, 5}, 0, "too short");
        assertRejected("just some text that is long enough".getBytes(), 0, "not a DICOM file");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWithoutExhaustingTheStack() {
        Encoded e = Encoded.part10(EXPLICIT);
        for (int i = 0; i < 10_000; i++) {
            e.explicitHeader(Tag.ContentSequence, "SQ", Encoded.UNDEFINED).item(Encoded.UNDEFINED);
        }
        assertRejected(e.bytes(), -1, "nests deeper than 64 levels");
    }

    @Test
    void aFileOfMoreElementsThanTheLimitIsRefused() throws IOException {
        Encoded e = Encoded.part10(EXPLICIT).explicitHeader(Tag.ContentSequence, "SQ", Encoded.UNDEFINED);
        for (int i = 0; i < 1000; i++) {
            e.item(0);
        }
        byte[] bytes = e.sequenceEnd().bytes();
        assertThat(DicomReader.read(bytes, "input", ReadOptions.DEFAULT).dataset().get(Tag.ContentSequence).sequence().size()).isEqualTo(1000);
        assertThatThrownBy(() -> DicomReader.read(bytes, "input", ReadOptions.DEFAULT.withMaxElements(500)))
                .isInstanceOf(DicomParseException.class).hasMessageContaining("more than 500 elements and items");
    }

    private static void assertRejected(byte[] bytes, long offset, String reason) {
        assertThatThrownBy(() -> DicomReader.read(bytes, "input", ReadOptions.DEFAULT))
                .isInstanceOfSatisfying(DicomParseException.class, e -> {
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.source()).isEqualTo("input");
                    if (offset >= 0) {
                        assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
                    }
                });
    }

    private static DicomFile read(byte[] bytes) throws IOException {
        return DicomReader.read(bytes, "test", ReadOptions.DEFAULT);
    }

    private static byte[] deflate(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
            deflater.write(bytes);
        }
        return out.toByteArray();
    }
}
