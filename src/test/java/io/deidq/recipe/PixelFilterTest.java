package io.deidq.recipe;

import io.deidq.dicom.charset.SpecificCharacterSet;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Sequence;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The filter behaviours deid's tests pin (test_filter_detect.py on its cat image, test_dicom_pixels.py
 * with remove_coordinates_groups.dicom), on data sets built here, and deidq's own rules.
 */
class PixelFilterTest {

    /** What deid's animals/cat image holds that its filter tests read. */
    private static Dataset cat() {
        Dataset ds = new Dataset();
        ds.putString(Tag.Modality, VR.CS, "DX");
        ds.putString(Tag.Manufacturer, VR.LO, "Agfa");
        ds.putString(0x00110003, VR.LO, "Agfa DR");
        ds.putString(Tag.PatientSex, VR.CS, "M");
        return ds;
    }

    private static FilterResult evaluate(String filters, Dataset dataset) throws RecipeException {
        return new PixelFilter(RecipeParser.parse("test.recipe", "FORMAT dicom\n" + filters)).evaluate(dataset);
    }

    private static boolean flags(String label, Dataset dataset) throws RecipeException {
        return evaluate("%filter blacklist\nLABEL test\n" + label, dataset).flagged();
    }

    @Test
    void oneRule() throws RecipeException {
        assertThat(flags("contains Modality DX", cat())).isTrue();
        assertThat(flags("contains Modality CT", cat())).isFalse();
    }

    @Test
    void anInnerOperatorWithinALine() throws RecipeException {
        assertThat(flags("contains Modality DX + contains PatientSex M", cat())).isTrue();
        assertThat(flags("contains Modality CT + contains PatientSex F", cat())).isFalse();
        assertThat(flags("contains Modality CT + contains PatientSex M", cat())).isFalse();
        assertThat(flags("contains Modality CT || contains PatientSex M", cat())).isTrue();
    }

    @Test
    void severalLinesOfALabel() throws RecipeException {
        assertThat(flags("contains Modality DX + contains PatientSex M\n+ contains Manufacturer Agfa", cat())).isTrue();
        assertThat(flags("contains Modality CT + contains PatientSex F\n+ contains Manufacturer Agfa", cat())).isFalse();
        assertThat(flags("contains Modality DX\n  contains Manufacturer Siemens", cat())).as("lines without a joiner are ANDed").isFalse();
    }

    @Test
    void aFieldByHexTagNumber() throws RecipeException {
        assertThat(flags("contains 0x00110003 Agfa", cat())).isTrue();
        assertThat(flags("contains (0011,0003) agfa", cat())).isTrue();
        assertThat(flags("contains 00110003 Siemens", cat())).isFalse();
    }

    @Test
    void operatorsRunLeftToRightWithoutPrecedence() throws RecipeException {
        // (present Modality || present Rows) + present Columns, not present Modality || (present Rows + present Columns)
        assertThat(flags("present Modality || present Rows + present Columns", cat())).isFalse();
        assertThat(flags("present Rows + present Columns || present Modality", cat())).isTrue();
    }

    @Test
    void aLineBeginningWithOrJoinsTheLinesBeforeItByOr() throws RecipeException {
        String burnedIn = """
                contains ImageType SAVE
                + contains Modality CT|MR
                || contains BurnedInAnnotation YES
                || empty ImageType
                """;
        Dataset annotated = cat();
        annotated.putString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY");
        annotated.putString(Tag.BurnedInAnnotation, VR.CS, "YES");
        assertThat(flags(burnedIn, annotated)).isTrue();
        Dataset clean = cat();
        clean.putString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY");
        assertThat(flags(burnedIn, clean)).isFalse();
        Dataset saved = cat();
        saved.putString(Tag.ImageType, VR.CS, "DERIVED", "SECONDARY", "SCREEN SAVE");
        saved.putString(Tag.Modality, VR.CS, "CT");
        assertThat(flags(burnedIn, saved)).isTrue();
        // OR then AND, left to right: (BurnedInAnnotation YES || ImageType SAVE) + Modality CT
        assertThat(flags("contains BurnedInAnnotation YES\n|| contains ImageType SAVE\n+ contains Modality CT", annotated)).isFalse();
    }

    @Test
    void everyLabelOfEveryGroupIsEvaluated() throws RecipeException {
        FilterResult result = evaluate("""
                %filter ShouldMatch1
                LABEL first
                  contains Modality DX
                  + contains Manufacturer Agfa
                LABEL no
                  contains Modality MR
                LABEL second
                  present PatientSex
                  coordinates 0,0,10,10
                %filter ShouldNotMatch
                LABEL no either
                  contains PatientSex F
                %filter ShouldMatch2
                LABEL third
                  contains PatientSex M
                  + contains Manufacturer Agfa
                  coordinates 10,10,20,20
                """, cat());
        assertThat(result.flagged()).isTrue();
        assertThat(result.matches()).extracting(FilterMatch::group, FilterMatch::label)
                .containsExactly(tuple("ShouldMatch1", "first"), tuple("ShouldMatch1", "second"), tuple("ShouldMatch2", "third"));
        assertThat(result.regions()).extracting(Coordinates::region)
                .containsExactly(new Coordinates.Box(0, 0, 10, 10), new Coordinates.Box(10, 10, 20, 20));
        assertThat(result.reasons()).isEqualTo("ShouldMatch1/first; ShouldMatch1/second; ShouldMatch2/third");
    }

    @Test
    void noLabelMatching() throws RecipeException {
        FilterResult result = evaluate("""
                %filter ShouldNotMatch1
                LABEL one
                  contains Modality MR
                  + contains Manufacturer Agfa
                %filter ShouldNotMatch2
                LABEL two
                  contains PatientSex F
                  + contains Manufacturer Agfa
                """, cat());
        assertThat(result.flagged()).isFalse();
        assertThat(result.matches()).isEmpty();
        assertThat(result.regions()).isEmpty();
        assertThat(result.reasons()).isEmpty();
        assertThat(new PixelFilter(RecipeParser.parse("r", "FORMAT dicom\n%header\nREMOVE PatientID")).evaluate(cat()).flagged()).isFalse();
    }

    /** deid's remove_coordinates_groups.dicom, as test_dicom_pixels.py runs it on its dummy image. */
    private static final String GROUPS = """
            %filter graylist
            LABEL Groups With OR
              contains Manufacturer foo
              + contains ManufacturerModelName bar || contains SeriesDescription flag me
              coordinates 0,0,1024,1024
            LABEL Value With OR
              contains Manufacturer foo|bar|baz
              + contains SeriesDescription bam
              coordinates 0,0,10,10
            LABEL Value With AND
              contains Manufacturer foo
              + contains ImageType DERIVED+SECONDARY
              coordinates 0,0,20,10
            """;

    private static Dataset dummy(String manufacturer, String seriesDescription, String... imageType) {
        Dataset ds = new Dataset();
        ds.putString(Tag.PatientName, VR.PN, "Test^BurnedPixels");
        ds.putLong(Tag.Rows, VR.US, 64);
        ds.putLong(Tag.Columns, VR.US, 64);
        ds.putString(Tag.Manufacturer, VR.LO, manufacturer);
        if (seriesDescription != null) {
            ds.putString(Tag.SeriesDescription, VR.LO, seriesDescription);
        }
        if (imageType.length > 0) {
            ds.putString(Tag.ImageType, VR.CS, imageType);
        }
        return ds;
    }

    @Test
    void groupsWithOr() throws RecipeException {
        assertThat(evaluate(GROUPS, dummy("dummy_manufacturer", "flag me now")).matches()).isEmpty();
        FilterResult result = evaluate(GROUPS, dummy("foo", "flag me now"));
        assertThat(result.matches()).extracting(FilterMatch::label).containsExactly("Groups With OR");
        assertThat(result.regions()).extracting(Coordinates::region).containsExactly(new Coordinates.Box(0, 0, 1024, 1024));
    }

    @Test
    void aValueWithARegexOr() throws RecipeException {
        assertThat(evaluate(GROUPS, dummy("dummy_manufacturer", "bamboo")).matches()).isEmpty();
        FilterResult result = evaluate(GROUPS, dummy("foo", "bamboo"));
        assertThat(result.matches()).extracting(FilterMatch::label).containsExactly("Value With OR");
        assertThat(result.regions()).extracting(Coordinates::region).containsExactly(new Coordinates.Box(0, 0, 10, 10));
    }

    @Test
    void aPlusInsideAValueIsARegexAsInDeid() throws RecipeException {
        assertThat(evaluate(GROUPS, dummy("foo", null, "ORIGINAL")).matches()).isEmpty();
        // "DERIVED+SECONDARY" is the regex DERIVE, one or more D, SECONDARY: deid's own test of it is skipped as never true
        assertThat(evaluate(GROUPS, dummy("foo", null, "DERIVED", "SECONDARY", "IGNORED")).matches()).isEmpty();
        assertThat(evaluate(GROUPS, dummy("foo", null, "DERIVEDDSECONDARY")).matches()).extracting(FilterMatch::label)
                .containsExactly("Value With AND");
    }

    @Test
    void aWhitelistMatchAloneDoesNotFlag() throws RecipeException {
        String filters = """
                %filter WhiteList
                LABEL Marked as Clean
                  contains BurnedInAnnotation No
                %filter graylist
                LABEL CT
                  contains Modality CT
                  coordinates 0,0,512,110
                """;
        Dataset clean = cat();
        clean.putString(Tag.BurnedInAnnotation, VR.CS, "NO");
        FilterResult whitelisted = evaluate(filters, clean);
        assertThat(whitelisted.matches()).extracting(FilterMatch::group).containsExactly("WhiteList");
        assertThat(whitelisted.flagged()).isFalse();
        assertThat(whitelisted.regions()).isEmpty();
        assertThat(whitelisted.reasons()).isEmpty();

        clean.putString(Tag.Modality, VR.CS, "CT");
        FilterResult both = evaluate(filters, clean);
        assertThat(both.matches()).extracting(FilterMatch::group).containsExactly("WhiteList", "graylist");
        assertThat(both.flagged()).isTrue();
        assertThat(both.regions()).extracting(Coordinates::region).containsExactly(new Coordinates.Box(0, 0, 512, 110));
        assertThat(both.reasons()).isEqualTo("graylist/CT");
    }

    @Test
    void aLabelWithCoordinatesAndNoCriteriaMatchesEveryImage() throws RecipeException {
        FilterResult result = evaluate("""
                %filter graylist
                LABEL Blank Image
                    coordinates all
                LABEL Clean Ultrasound Regions
                    present SequenceOfUltrasoundRegions
                    keepcoordinates from:SequenceOfUltrasoundRegions
                """, new Dataset());
        assertThat(result.flagged()).isTrue();
        assertThat(result.matches()).extracting(FilterMatch::label).containsExactly("Blank Image");
        assertThat(result.regions()).extracting(Coordinates::keep, Coordinates::region).containsExactly(tuple(false, new Coordinates.All()));
    }

    @Test
    void coordinatesOfEveryFormReachTheResultInRecipeOrder() throws RecipeException {
        Dataset us = new Dataset();
        us.put(Element.of(Tag.SequenceOfUltrasoundRegions, VR.SQ, new Sequence(false)));
        FilterResult result = evaluate("""
                %filter graylist
                LABEL Clean Ultrasound Regions
                    present SequenceOfUltrasoundRegions
                    coordinates all
                    keepcoordinates from:SequenceOfUltrasoundRegions
                    ctpcoordinates 10,20,30,40
                    ctpkeepcoordinates 1,2,3,4
                    keepcoordinates 0,0,5,5
                """, us);
        assertThat(result.regions()).extracting(Coordinates::keep, Coordinates::region).containsExactly(
                tuple(false, new Coordinates.All()),
                tuple(true, new Coordinates.FromSequence("SequenceOfUltrasoundRegions")),
                tuple(false, new Coordinates.Box(10, 20, 40, 60)),
                tuple(true, new Coordinates.Box(1, 2, 4, 6)),
                tuple(true, new Coordinates.Box(0, 0, 5, 5)));
    }

    @Test
    void containsSearchesTheValuesAsTextCaseInsensitively() throws RecipeException {
        Dataset ds = cat();
        ds.putString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.putString(Tag.SeriesDescription, VR.LO, "Dose Report");
        assertThat(flags("contains ImageType axial", ds)).isTrue();
        assertThat(flags("contains ImageType ^PRIMARY", ds)).as("the values are one text, joined by \\").isFalse();
        assertThat(flags("contains ImageType ^ORIGINAL.PRIMARY.AXIAL$", ds)).isTrue();
        assertThat(flags("contains SeriesDescription dose report", ds)).isTrue();
        assertThat(flags("contains SeriesDescription Dose|Localizer", ds)).isTrue();
        assertThat(flags("notcontains SeriesDescription Dose", ds)).isFalse();
        assertThat(flags("notcontains SeriesDescription Localizer", ds)).isTrue();
        assertThat(flags("contains StudyDescription .", ds)).as("a missing field contains nothing").isFalse();
        assertThat(flags("notcontains StudyDescription Dose", ds)).isTrue();
    }

    @Test
    void containsDecodesTextInTheDatasetsCharacterSet() throws RecipeException {
        Dataset ds = new Dataset();
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.put(Element.of(Tag.InstitutionName, VR.LO, "H\u00d4PITAL M\u00dcLLER".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(ds.specificCharacterSet()).isNotEqualTo(SpecificCharacterSet.DEFAULT);
        assertThat(flags("contains InstitutionName müller", ds)).isTrue();
        assertThat(flags("equals InstitutionName hôpital müller", ds)).isTrue();
    }

    @Test
    void numbersAndPrivateBytesAreTestedAsText() throws RecipeException {
        Dataset ds = dummy("GE", null);
        ds.putLong(Tag.Rows, VR.US, 512);
        ds.putString(0x00190010, VR.LO, "GEMS_ACQU_01");
        ds.put(Element.of(0x00191001, VR.UN, "SCREEN SAVE ".getBytes(StandardCharsets.US_ASCII)));
        ds.put(Element.of(Tag.PixelData, VR.OW, new byte[] {1, 2, 3, 4}));
        assertThat(flags("equals Rows 512", ds)).isTrue();
        assertThat(flags("contains Rows ^5", ds)).isTrue();
        assertThat(flags("contains (0019,1001) screen", ds)).isTrue();
        assertThat(flags("equals (0019,1001) screen save", ds)).isTrue();
        assertThat(flags("contains PixelData .", ds)).as("pixels are no text").isFalse();
    }

    @Test
    void equalsIsCaseInsensitiveAndExactOnTheWholeTextOrOneValue() throws RecipeException {
        Dataset ds = cat();
        ds.putString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY");
        assertThat(flags("equals Modality dx", ds)).isTrue();
        assertThat(flags("equals Modality D", ds)).isFalse();
        assertThat(flags("equals Modality DX|CT", ds)).as("no regex: deid's docs are wrong there").isFalse();
        assertThat(flags("equals ImageType primary", ds)).isTrue();
        assertThat(flags("equals ImageType ORIGINAL\\PRIMARY", ds)).isTrue();
        assertThat(flags("equals ImageType ORIGINAL\\", ds)).isFalse();
        assertThat(flags("notequals Modality DX", ds)).isFalse();
        assertThat(flags("notequals Modality CT", ds)).isTrue();
        assertThat(flags("equals StudyDescription x", ds)).isFalse();
        assertThat(flags("notequals StudyDescription x", ds)).isTrue();
    }

    @Test
    void missingPresentAndEmpty() throws RecipeException {
        Dataset ds = new Dataset();
        ds.put(Element.empty(Tag.ImageType, VR.CS));
        ds.putString(Tag.Manufacturer, VR.LO, "  ");
        ds.putString(Tag.StudyDescription, VR.LO, "", "");
        ds.putString(Tag.Modality, VR.CS, "CT");
        ds.put(Element.of(Tag.OtherPatientIDsSequence, VR.SQ, new Sequence(false)));
        Sequence regions = new Sequence(false);
        regions.add(new Dataset());
        ds.put(Element.of(Tag.SequenceOfUltrasoundRegions, VR.SQ, regions));
        ds.put(Element.empty(Tag.Rows, VR.US));

        assertThat(flags("missing SeriesDescription", ds)).isTrue();
        assertThat(flags("present SeriesDescription", ds)).isFalse();
        assertThat(flags("empty SeriesDescription", ds)).as("a missing field is not empty").isFalse();
        for (String empty : List.of("ImageType", "Manufacturer", "StudyDescription", "OtherPatientIDsSequence", "Rows")) {
            assertThat(flags("empty " + empty, ds)).as(empty).isTrue();
            assertThat(flags("missing " + empty, ds)).as(empty).isFalse();
            assertThat(flags("present " + empty, ds)).as(empty).isTrue();
        }
        assertThat(flags("empty Modality", ds)).isFalse();
        assertThat(flags("empty SequenceOfUltrasoundRegions", ds)).isFalse();
    }

    @Test
    void onlyTopLevelFieldsAreTested() throws RecipeException {
        Dataset item = new Dataset();
        item.putString(Tag.Modality, VR.CS, "CT");
        Sequence sequence = new Sequence(false);
        sequence.add(item);
        Dataset ds = new Dataset();
        ds.put(Element.of(Tag.ReferencedSeriesSequence, VR.SQ, sequence));
        assertThat(flags("contains Modality CT", ds)).isFalse();
        assertThat(flags("missing Modality", ds)).isTrue();
        assertThat(flags("contains ReferencedSeriesSequence CT", ds)).as("a sequence holds no text").isFalse();
    }

    @Test
    void oneFilterServesManyThreads() throws RecipeException {
        PixelFilter filter = new PixelFilter(RecipeParser.parse("r", "FORMAT dicom\n%filter g\nLABEL dx\n  contains Modality D.\n"));
        Dataset dx = cat();
        Dataset ct = cat();
        ct.putString(Tag.Modality, VR.CS, "CT");
        List<Boolean> flagged = IntStream.range(0, 2000).parallel()
                .mapToObj(i -> filter.evaluate(i % 2 == 0 ? dx : ct).flagged()).toList();
        assertThat(IntStream.range(0, 2000).filter(i -> flagged.get(i) != (i % 2 == 0)).count()).isZero();
    }
}
