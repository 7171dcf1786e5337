package io.deidq.dicom.io;

import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import io.deidq.testing.DcmdumpOracle;
import io.deidq.testing.Dcmtk;
import io.deidq.testing.DcmtkCorpus;
import io.deidq.testing.DcmtkCorpus.Sample;
import io.deidq.testing.DicomFiles;
import io.deidq.testing.DumpComparison;
import io.deidq.testing.DumpComparison.Option;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Holds the reader, writer and dump against dcmtk on files dcmtk made (see {@link DcmtkCorpus}):
 * every transfer syntax, sequences, private elements and character sets.
 */
class DcmtkInteropTest {

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> ourDumpAgreesWithDcmdump() {
        return DcmtkCorpus.get().samples().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            try (DicomFile file = DicomReader.readFile(s.file())) {
                DcmdumpOracle.assertAgrees(file, DicomFiles.dump(file, false), tmp, "-Un");
                DcmdumpOracle.assertAgrees(file, DicomFiles.dump(file, true), tmp, "-Un", "+L");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> rewritingUnchangedGivesTheSameDataSetByteForByte() {
        return DcmtkCorpus.get().samples().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            Path out = tmp.resolve(s.name() + "-rewritten.dcm");
            boolean deflated;
            try (DicomFile file = DicomReader.readFile(s.file())) {
                deflated = file.transferSyntax().deflated();
                DicomWriter.writeFile(out, DicomFiles.metaFor(file, file.transferSyntax()), file.dataset(), file.transferSyntax());
            }
            byte[] before = DicomFiles.datasetBytes(s.file(), deflated);
            byte[] after = DicomFiles.datasetBytes(out, deflated);
            assertThat(after).as("%s: data set bytes differ %s", s.name(), DicomFiles.firstDifference(before, after)).isEqualTo(before);
            assertSameContentForDcmtk(s.file(), out, s.name());
        }));
    }

    @TestFactory
    Stream<DynamicTest> explicitLittleEndianOnRequestKeepsTheContent() {
        return DcmtkCorpus.get().samples().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            Path out = tmp.resolve(s.name() + "-explicit.dcm");
            try (DicomFile file = DicomReader.readFile(s.file())) {
                TransferSyntax explicit = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
                if (s.compressed()) {
                    assertThatThrownBy(() -> DicomWriter.writeFile(out, DicomFiles.metaFor(file, explicit), file.dataset(), explicit))
                            .isInstanceOf(IOException.class).hasMessageContaining("without decompressing");
                    return;
                }
                DicomWriter.writeFile(out, DicomFiles.metaFor(file, explicit), file.dataset(), explicit);
            }
            String before = Dcmtk.run(tmp, "dcmdump", "-Un", "+L", s.file().toString()).assertClean().stdout();
            String after = Dcmtk.run(tmp, "dcmdump", "-Un", "+L", out.toString()).assertClean().stdout();
            DumpComparison.assertAgree(String.join("\n", DumpComparison.datasetLines(after)),
                    String.join("\n", DumpComparison.datasetLines(before)), s.name(), Option.IGNORE_CONTAINER_LENGTHS);
        }));
    }

    @TestFactory
    Stream<DynamicTest> characterSetsDecodeAsTheStandardSays() {
        return DcmtkCorpus.get().samples().stream().filter(s -> !s.charsetText().isEmpty())
                .map(s -> DynamicTest.dynamicTest(s.name(), () -> {
                    try (DicomFile file = DicomReader.readFile(s.file())) {
                        Map<String, String> expected = s.charsetText();
                        assertThat(file.dataset().getStrings(Tag.PatientName)).containsExactly(expected.get("PatientName"));
                        assertThat(String.join("\\", file.dataset().getStrings(Tag.StudyDescription)))
                                .isEqualTo(expected.get("StudyDescription"));
                        assertThat(file.dataset().specificCharacterSet().isSupported()).isTrue();
                    }
                }));
    }

    @Test
    void theCorpusCoversEveryKindOfTransferSyntax() throws IOException {
        var syntaxes = new java.util.TreeSet<String>();
        for (Sample s : DcmtkCorpus.get().samples()) {
            try (DicomFile file = DicomReader.readFile(s.file())) {
                syntaxes.add(file.transferSyntax().uid());
            }
        }
        assertThat(syntaxes).contains(
                "1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99",
                "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70",
                "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91",
                "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.203", "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.102",
                "1.2.840.10008.1.2.4.107", "1.2.840.10008.1.2.4.110", "1.2.840.10008.1.2.5");
    }

    @Test
    void largeValuesOfTheCorpusAreReadAsBulkDataReferences() throws IOException {
        try (DicomFile file = DicomReader.readFile(DcmtkCorpus.get().sample("big16").file())) {
            var pixels = file.dataset().get(Tag.PixelData);
            assertThat(pixels.vr()).isEqualTo(VR.OW);
            assertThat(pixels.isBulk()).isTrue();
            assertThat(pixels.bulkData().length()).isEqualTo(256 * 256 * 2);
        }
        try (DicomFile file = DicomReader.readFile(DcmtkCorpus.get().sample("rle-big").file())) {
            var fragments = file.dataset().get(Tag.PixelData).fragments();
            assertThat(fragments.items()).anyMatch(f -> f instanceof io.deidq.dicom.data.BulkData);
        }
    }

    /** dcmdump reads {@code rewritten} without complaint and prints the same data set as for {@code original}. */
    private void assertSameContentForDcmtk(Path original, Path rewritten, String what) {
        String before = Dcmtk.run(tmp, "dcmdump", "-Un", "+L", original.toString()).assertClean().stdout();
        String after = Dcmtk.run(tmp, "dcmdump", "-Un", "+L", rewritten.toString()).assertClean().stdout();
        assertThat(DumpComparison.datasetLines(after)).as(what).isEqualTo(DumpComparison.datasetLines(before));
    }
}
