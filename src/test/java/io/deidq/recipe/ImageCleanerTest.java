package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Fragments;
import io.deidq.dicom.data.Sequence;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.DicomWriter;
import io.deidq.testing.Dcmtk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clean stage for one image, with small recipes of its own: what is written, under which name, and what is not. */
class ImageCleanerTest {

    private static final String HEADER = """
            FORMAT dicom
            %header
            REPLACE PatientName var:entity_id
            REPLACE PatientID var:entity_id
            REPLACE AccessionNumber var:item_id
            REPLACE StudyInstanceUID func:remap_uid
            REPLACE SeriesInstanceUID func:remap_uid
            REPLACE SOPInstanceUID func:remap_uid
            JITTER StudyDate var:jitter
            KEEP SOPClassUID
            KEEP Rows
            KEEP Columns
            KEEP BitsAllocated
            KEEP BitsStored
            KEEP HighBit
            KEEP PixelRepresentation
            KEEP SamplesPerPixel
            KEEP PhotometricInterpretation
            KEEP Modality
            """;
    private static final String METADATA = """
            FORMAT dicom
            %header
            KEEP Modality
            KEEP PatientID
            KEEP StudyDate
            """;
    private static final Map<String, Object> VARS = Map.of("entity_id", "SUBJ01", "item_id", "STUDY01", "jitter", -3);
    private static final byte[] SECRET = "a test secret of some length".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    @Test
    void aCleanImageIsWrittenUnderItsNewUidsSaysHowItWasCleanedAndKeepsItsPixels() throws Exception {
        Path source = write("ct.dcm", image(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        CleanedImage cleaned = cleaner(HEADER, "").clean(source, VARS, tmp.resolve("out"));

        assertThat(cleaned.outcome()).isEqualTo(CleanedImage.Outcome.CLEANED);
        UidRemapper uids = new UidRemapper(SECRET);
        assertThat(cleaned.output()).isEqualTo(tmp.resolve("out").resolve(uids.remap("1.2.826.0.1.3680043.9.7433.1.1"))
                .resolve(uids.remap("1.2.826.0.1.3680043.9.7433.1.2")).resolve(uids.remap("1.2.826.0.1.3680043.9.7433.1.3") + ".dcm"));
        assertThat(cleaned.sopInstanceUid()).isEqualTo(uids.remap("1.2.826.0.1.3680043.9.7433.1.3"));
        try (DicomFile out = DicomReader.readFile(cleaned.output())) {
            Dataset ds = out.dataset();
            assertThat(ds.getString(Tag.PatientName)).isEqualTo("SUBJ01");
            assertThat(ds.getString(Tag.StudyDate)).isEqualTo("20240130");
            assertThat(ds.getString(Tag.PatientIdentityRemoved)).isEqualTo("YES");
            assertThat(ds.getStrings(Tag.DeidentificationMethod)).containsExactly("deidq recipe image.recipe");
            assertThat(ds.get(Tag.DeidentificationMethodCodeSequence).sequence().items()).isEmpty();
            assertThat(ds.get(Tag.PixelData).bytes()).isEqualTo(pixels());
            assertThat(out.fileMeta().getString(Tag.MediaStorageSOPInstanceUID)).isEqualTo(cleaned.sopInstanceUid());
        }
        assertThat(Dcmtk.run(tmp, "dcmdump", "-q", cleaned.output().toString()).exitCode()).isZero();
        assertThat(cleaned.metadata().elements()).extracting(Element::tag)
                .containsExactly(Tag.StudyDate, Tag.Modality, Tag.PatientID);
        assertThat(cleaned.metadata().getString(Tag.PatientID)).isEqualTo("SUBJ01");
    }

    @Test
    void theMethodsTheRecipeNamesByTheirCid7050MeaningsAreCoded() throws Exception {
        Path source = write("ct.dcm", image(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        String recipe = HEADER + "ADD DeidentificationMethod Basic Application Confidentiality Profile\\"
                + "Retain Patient Characteristics Option\\our own review\n";

        CleanedImage cleaned = cleaner(recipe, "").clean(source, VARS, tmp.resolve("out"));

        try (DicomFile out = DicomReader.readFile(cleaned.output())) {
            assertThat(out.dataset().getStrings(Tag.DeidentificationMethod)).containsExactly(
                    "Basic Application Confidentiality Profile", "Retain Patient Characteristics Option", "our own review");
            assertThat(out.dataset().get(Tag.DeidentificationMethodCodeSequence).sequence().items()).extracting(
                    item -> item.getString(Tag.CodeValue) + " " + item.getString(Tag.CodingSchemeDesignator) + " "
                            + item.getString(Tag.CodeMeaning))
                    .containsExactly("113100 DCM Basic Application Confidentiality Profile", "113108 DCM Retain Patient Characteristics Option");
        }
    }

    @Test
    void cleaningAgainGivesTheSameFileByteForByteAndLeavesNoPartialFile() throws Exception {
        Path source = write("ct.dcm", image(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        ImageCleaner cleaner = cleaner(HEADER, "");

        CleanedImage first = cleaner.clean(source, VARS, tmp.resolve("out"));
        byte[] written = Files.readAllBytes(first.output());
        CleanedImage second = cleaner.clean(source, VARS, tmp.resolve("out"));

        assertThat(second.output()).isEqualTo(first.output());
        assertThat(Files.readAllBytes(second.output())).isEqualTo(written);
        try (Stream<Path> files = Files.walk(tmp.resolve("out"))) {
            assertThat(files.filter(Files::isRegularFile)).containsExactly(first.output());
        }
    }

    @Test
    void aFlaggedImageWithARegionHasItBlackedOutAndSaysSo() throws Exception {
        Path source = write("ct.dcm", image(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        String filter = """
                %filter graylist
                LABEL Burned in corner
                contains Modality CT
                coordinates 0,0,2,1
                """;

        CleanedImage cleaned = cleaner(HEADER, filter).clean(source, VARS, tmp.resolve("out"));

        assertThat(cleaned.outcome()).isEqualTo(CleanedImage.Outcome.PIXELS_CLEANED);
        assertThat(cleaned.flaggedBy()).isEqualTo("graylist/Burned in corner");
        try (DicomFile out = DicomReader.readFile(cleaned.output())) {
            byte[] expected = pixels();
            expected[0] = 0;
            expected[1] = 0;
            expected[2] = 0;
            expected[3] = 0;
            assertThat(out.dataset().get(Tag.PixelData).bytes()).isEqualTo(expected);
            assertThat(out.dataset().getStrings(Tag.DeidentificationMethod)).containsExactly("deidq recipe image.recipe",
                    "Clean Pixel Data Option");
            assertThat(out.dataset().get(Tag.DeidentificationMethodCodeSequence).sequence().items())
                    .extracting(item -> item.getString(Tag.CodeValue)).containsExactly("113101");
        }
        assertThat(Files.readAllBytes(source)).containsSubsequence(pixels());
    }

    @Test
    void aFlaggedImageWithoutARegionIsQuarantinedAndNothingIsWritten() throws Exception {
        Dataset image = image();
        image.putString(Tag.BurnedInAnnotation, VR.CS, "YES");
        Path source = write("ct.dcm", image, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        String filter = """
                %filter blacklist
                LABEL Burned In Annotation
                contains BurnedInAnnotation YES
                """;

        CleanedImage cleaned = cleaner(HEADER, filter).clean(source, VARS, tmp.resolve("out"));

        assertThat(cleaned.outcome()).isEqualTo(CleanedImage.Outcome.QUARANTINED);
        assertThat(cleaned.reason()).isEqualTo("flagged by blacklist/Burned In Annotation, which names no region to clean");
        assertThat(cleaned.output()).isNull();
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aFlaggedCompressedImageIsQuarantined() throws Exception {
        Dataset image = image();
        Fragments fragments = new Fragments();
        fragments.add(new byte[0]);
        fragments.add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        image.put(Element.of(Tag.PixelData, VR.OB, fragments));
        Path source = write("jpeg.dcm", image, TransferSyntax.of("1.2.840.10008.1.2.4.70"));
        String filter = """
                %filter graylist
                LABEL Everything
                present Modality
                coordinates all
                """;

        CleanedImage cleaned = cleaner(HEADER, filter).clean(source, VARS, tmp.resolve("out"));

        assertThat(cleaned.outcome()).isEqualTo(CleanedImage.Outcome.QUARANTINED);
        assertThat(cleaned.reason()).startsWith("flagged by graylist/Everything: ").contains("compressed");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aUidThatIsNoUidIsRefusedRatherThanNamingAPathWithIt() throws Exception {
        Dataset image = image();
        image.putString(Tag.SOPInstanceUID, VR.UI, "../../outside");
        Path source = write("ct.dcm", image, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        String recipe = HEADER.replace("REPLACE SOPInstanceUID func:remap_uid", "KEEP SOPInstanceUID");

        assertThatThrownBy(() -> cleaner(recipe, "").clean(source, VARS, tmp.resolve("out")))
                .isInstanceOf(CleaningException.class)
                .hasMessage(source + ": the cleaned image's SOPInstanceUID is not a UID (PS3.5 9.1)");
        assertThat(tmp.resolve("outside")).doesNotExist();
    }

    @Test
    void aMissingVariableFailsTheImageAndNothingIsWritten() throws Exception {
        Path source = write("ct.dcm", image(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        assertThatThrownBy(() -> cleaner(HEADER, "").clean(source, Map.of("entity_id", "SUBJ01", "jitter", -3), tmp.resolve("out")))
                .isInstanceOf(CleaningException.class)
                .hasMessageStartingWith(source + ": ")
                .hasMessageContaining("item_id")
                .hasMessageNotContaining("ACC-0001");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aFileThatIsNotDicomIsAnError() throws Exception {
        Path source = Files.writeString(tmp.resolve("notes.txt"), "not an image");

        assertThatThrownBy(() -> cleaner(HEADER, "").clean(source, VARS, tmp.resolve("out")))
                .isInstanceOf(CleaningException.class)
                .hasMessageStartingWith("not readable as DICOM: ");
    }

    private ImageCleaner cleaner(String header, String filter) throws RecipeException {
        Map<String, RecipeFunction> functions = Map.of(UidRemapper.NAME, new UidRemapper(SECRET));
        Recipe image = RecipeParser.parse("image.recipe", header + filter);
        Recipe metadata = RecipeParser.parse("metadata.recipe", METADATA);
        return new ImageCleaner(new CleaningRules(
                new HeaderCleaner(image, functions, new HeaderOptions(HeaderAction.Action.BLANK, true)),
                new HeaderCleaner(metadata, functions, new HeaderOptions(HeaderAction.Action.REMOVE, true)),
                new PixelFilter(image), image.sources()));
    }

    private Path write(String name, Dataset dataset, TransferSyntax ts) throws IOException {
        Path file = tmp.resolve("in").resolve(name);
        Files.createDirectories(file.getParent());
        DicomWriter.writeFile(file, dataset, ts);
        return file;
    }

    /** A 2×2 CT image, 16 bits, with a patient, a study and a private element. */
    private static Dataset image() {
        Dataset ds = new Dataset();
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.9.7433.1.3");
        ds.putString(Tag.StudyDate, VR.DA, "20240202");
        ds.putString(Tag.AccessionNumber, VR.SH, "ACC-0001");
        ds.putString(Tag.Modality, VR.CS, "CT");
        ds.putString(Tag.InstitutionName, VR.LO, "General Hospital");
        ds.putString(Tag.PatientName, VR.PN, "Doe^John");
        ds.putString(Tag.PatientID, VR.LO, "MRN-12345");
        ds.putString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.9.7433.1.1");
        ds.putString(Tag.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.9.7433.1.2");
        ds.putString(0x00290010, VR.LO, "ACME 1.0");
        ds.putString(0x00291010, VR.LO, "Doe^John");
        Sequence references = new Sequence(false);
        Dataset reference = new Dataset();
        reference.putString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.9.7433.1.9");
        references.add(reference);
        ds.put(Element.of(Tag.ReferencedImageSequence, VR.SQ, references));
        ds.putLong(Tag.SamplesPerPixel, VR.US, 1);
        ds.putString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.putLong(Tag.Rows, VR.US, 2);
        ds.putLong(Tag.Columns, VR.US, 2);
        ds.putLong(Tag.BitsAllocated, VR.US, 16);
        ds.putLong(Tag.BitsStored, VR.US, 16);
        ds.putLong(Tag.HighBit, VR.US, 15);
        ds.putLong(Tag.PixelRepresentation, VR.US, 0);
        ds.put(Element.of(Tag.PixelData, VR.OW, pixels()));
        return ds;
    }

    private static byte[] pixels() {
        return new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
    }
}
