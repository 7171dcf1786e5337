package io.deidq.recipe;

import io.deidq.dicom.data.Tags;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.testing.Dcmtk;
import io.deidq.testing.DcmtkCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The built-in recipes on every file of the dcmtk corpus (every transfer syntax, 21 character sets,
 * sequences, private blocks): each is cleaned, dcmdump reads the output in its transfer syntax,
 * the patient's name is the pseudonym and no private element is left; a file without the Study and
 * Series Instance UIDs its output would be named by (the character set samples) is refused, saying so.
 */
class BuiltInRecipesOnTheCorpusTest {

    private static final Map<String, Object> VARS = Map.of("entity_id", "SUBJ01", "item_id", "STUDY01", "jitter", -5);

    @TempDir
    static Path tmp;

    private static ImageCleaner cleaner;

    @BeforeAll
    static void loadTheBuiltInRecipes() throws RecipeException {
        cleaner = new ImageCleaner(new CleaningSettings(List.of(CleaningSettings.DEFAULT_IMAGE_RECIPE),
                List.of(CleaningSettings.DEFAULT_METADATA_RECIPE), HeaderAction.Action.BLANK, HeaderAction.Action.REMOVE, true,
                "a test secret of some length".getBytes(StandardCharsets.UTF_8)).rules());
    }

    static List<DcmtkCorpus.Sample> samples() {
        return DcmtkCorpus.get().samples();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void isCleanedIntoAFileDcmdumpReadsOrRefusedForWantOfTheUidsItWouldBeNamedBy(DcmtkCorpus.Sample sample) throws Exception {
        boolean nameable;
        try (DicomFile in = DicomReader.readFile(sample.file())) {
            nameable = in.dataset().contains(Tag.StudyInstanceUID) && in.dataset().contains(Tag.SeriesInstanceUID);
        }
        if (!nameable) {
            assertThatThrownBy(() -> cleaner.clean(sample.file(), VARS, tmp.resolve(sample.name())))
                    .isInstanceOf(CleaningException.class).hasMessageEndingWith(": the cleaned image has no StudyInstanceUID, which its output is named by");
            return;
        }
        CleanedImage cleaned = cleaner.clean(sample.file(), VARS, tmp.resolve(sample.name()));

        assertThat(cleaned.outcome()).isEqualTo(CleanedImage.Outcome.CLEANED);
        Dcmtk.Result dump = Dcmtk.run(tmp, "dcmdump", "-q", cleaned.output().toString());
        assertThat(dump.clean()).as(dump.stderr()).isTrue();
        try (DicomFile out = DicomReader.readFile(cleaned.output())) {
            assertThat(out.dataset().getString(Tag.PatientName)).isIn(null, "SUBJ01");
            assertThat(out.dataset().elements()).noneMatch(e -> Tags.isPrivate(e.tag()));
            assertThat(out.transferSyntax()).isEqualTo(DicomReader.readFile(sample.file()).transferSyntax());
        }
    }
}
