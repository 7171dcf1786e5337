package io.deidq.recipe;

import io.deidq.dicom.data.VR;
import io.deidq.recipe.Coordinates.All;
import io.deidq.recipe.Coordinates.Box;
import io.deidq.recipe.Coordinates.FromSequence;
import io.deidq.recipe.FilterLabel.Criterion;
import io.deidq.recipe.FilterLabel.CriterionLine;
import io.deidq.recipe.FilterLabel.Joiner;
import io.deidq.recipe.HeaderAction.Action;
import io.deidq.recipe.Value.DeidFunction;
import io.deidq.recipe.Value.Function;
import io.deidq.recipe.Value.Literal;
import io.deidq.recipe.Value.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.deidq.recipe.FilterLabel.Test.CONTAINS;
import static io.deidq.recipe.FilterLabel.Test.EMPTY;
import static io.deidq.recipe.FilterLabel.Test.EQUALS;
import static io.deidq.recipe.FilterLabel.Test.MISSING;
import static io.deidq.recipe.FilterLabel.Test.NOTEQUALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What RecipeParser makes of each part of deid's recipe format. */
class RecipeParserTest {

    private static final String SOURCE = "test.recipe";

    @TempDir
    Path tmp;

    static Recipe parse(String text) throws RecipeException {
        return RecipeParser.parse(SOURCE, text);
    }

    static Origin at(int line, String text) {
        return new Origin(SOURCE, line, text);
    }

    /** The header of a recipe made of FORMAT, %header and {@code lines}, which start on line 3. */
    static List<HeaderAction> header(String... lines) throws RecipeException {
        return parse("FORMAT dicom\n%header\n" + String.join("\n", lines)).header();
    }

    static HeaderAction action(String line) throws RecipeException {
        List<HeaderAction> actions = header(line);
        assertThat(actions).hasSize(1);
        return actions.get(0);
    }

    static Selector selector(String field) throws RecipeException {
        return action("REMOVE " + field).selector();
    }

    @Test
    void readsEveryHeaderActionWithItsFieldValueAndLine() throws RecipeException {
        List<HeaderAction> actions = header(
                "ADD PatientIdentityRemoved YES",
                "BLANK OperatorsName",
                "JITTER StudyDate var:jitter",
                "KEEP Modality",
                "REPLACE PatientID var:entity_id",
                "REMOVE ReferringPhysicianName");
        assertThat(actions).containsExactly(
                new HeaderAction(Action.ADD, new Selector.Field("PatientIdentityRemoved"), new Literal("YES"), at(3, "ADD PatientIdentityRemoved YES")),
                new HeaderAction(Action.BLANK, new Selector.Field("OperatorsName"), null, at(4, "BLANK OperatorsName")),
                new HeaderAction(Action.JITTER, new Selector.Field("StudyDate"), new Variable("jitter"), at(5, "JITTER StudyDate var:jitter")),
                new HeaderAction(Action.KEEP, new Selector.Field("Modality"), null, at(6, "KEEP Modality")),
                new HeaderAction(Action.REPLACE, new Selector.Field("PatientID"), new Variable("entity_id"), at(7, "REPLACE PatientID var:entity_id")),
                new HeaderAction(Action.REMOVE, new Selector.Field("ReferringPhysicianName"), null, at(8, "REMOVE ReferringPhysicianName")));
    }

    @Test
    void actionNamesInAnyCase() throws RecipeException {
        assertThat(header("remove PatientID", "Replace PatientName x", "jItTeR StudyDate 1").stream().map(HeaderAction::action))
                .containsExactly(Action.REMOVE, Action.REPLACE, Action.JITTER);
    }

    @Test
    void aHashOutsideQuotesBeginsAComment() throws RecipeException {
        assertThat(action("REMOVE PatientID # the MRN"))
                .isEqualTo(new HeaderAction(Action.REMOVE, new Selector.Field("PatientID"), null, at(3, "REMOVE PatientID # the MRN")));
        assertThat(action("REMOVE StudyDate   #").value()).isNull();
        assertThat(action("REPLACE PatientName ANON#YMOUS").value()).isEqualTo(new Literal("ANON"));
        assertThat(action("REMOVE (0033,\"CREATOR #1\",1E) # a private creator with a hash").selector())
                .isEqualTo(new Selector.PrivateTag(0x0033, "CREATOR #1", 0x1E));
        assertThat(action("REPLACE StudyDescription \"study #7\" # quoted").value()).isEqualTo(new Literal("\"study #7\""));
        assertThat(parse("""
                # a comment before FORMAT
                FORMAT dicom # the only format
                %header # the header
                  # an indented comment
                REMOVE PatientID
                """).header()).extracting(HeaderAction::origin).containsExactly(at(5, "REMOVE PatientID"));
    }

    @Test
    void valueWordsAreJoinedBySingleSpacesAndKeepTheirQuotesAsDeidKeepsThem() throws RecipeException {
        assertThat(action("REPLACE StudyDescription Anonymous    study").value()).isEqualTo(new Literal("Anonymous study"));
        assertThat(action("REPLACE StudyDescription \"Anonymous  study\"").value()).isEqualTo(new Literal("\"Anonymous  study\""));
        assertThat(action("REPLACE StudyDescription 'it''s'").value()).isEqualTo(new Literal("'it''s'"));
    }

    @Test
    void valuesAreVariablesFunctionsDeidFunctionsOrLiterals() throws RecipeException {
        assertThat(action("REPLACE PatientID var:suid").value()).isEqualTo(new Variable("suid"));
        assertThat(action("REPLACE PatientID func:generate_suid").value()).isEqualTo(new Function("generate_suid"));
        assertThat(action("ADD PatientComments func:generate_field").value())
                .isEqualTo(new Function("generate_field"));
        assertThat(action("REPLACE SOPInstanceUID deid_func:pydicom_uuid").value()).isEqualTo(new DeidFunction("pydicom_uuid", Map.of()));
        assertThat(action("REPLACE SOPInstanceUID deid_func:pydicom_uuid prefix=1.2.3. stable_remapping=false").value())
                .isEqualTo(new DeidFunction("pydicom_uuid", Map.of("prefix", "1.2.3.", "stable_remapping", "false")));
        assertThat(action("REPLACE SOPInstanceUID deid_func:pydicom_uuid prefix=none").value())
                .isEqualTo(new DeidFunction("pydicom_uuid", Map.of("prefix", "none")));
        assertThat(action("REPLACE StudyDate deid_func:jitter days=-3 years=+1").value())
                .isEqualTo(new DeidFunction("jitter", Map.of("days", "-3", "years", "+1")));
        assertThat(action("REPLACE SOPInstanceUID deid_func:dicom_uuid org_root=1.2.826.0.1").value())
                .isEqualTo(new DeidFunction("dicom_uuid", Map.of("org_root", "1.2.826.0.1")));
        assertThat(action("REPLACE PatientID deid_func:basic_uuid").value()).isEqualTo(new DeidFunction("basic_uuid", Map.of()));
        assertThat(action("REPLACE PatientID deid_func:suffix_uuid").value()).isEqualTo(new DeidFunction("suffix_uuid", Map.of()));
        // deid tests the prefixes in lower case only: anything else is text
        assertThat(action("REPLACE PatientID Var:suid").value()).isEqualTo(new Literal("Var:suid"));
        assertThat(action("REPLACE PatientID FUNC:x").value()).isEqualTo(new Literal("FUNC:x"));
    }

    @Test
    void jitterTakesWholeDaysOrAVariable() throws RecipeException {
        assertThat(header("JITTER StudyDate -31", "JITTER PatientBirthDate +5", "JITTER endswith:Date var:jitter").stream().map(HeaderAction::value))
                .containsExactly(new Literal("-31"), new Literal("+5"), new Variable("jitter"));
    }

    @Test
    void removeMayHangOnAFunction() throws RecipeException {
        assertThat(action("REMOVE ALL func:is_name"))
                .isEqualTo(new HeaderAction(Action.REMOVE, new Selector.All(), new Function("is_name"), at(3, "REMOVE ALL func:is_name")));
    }

    @Test
    void fieldsByKeywordInAnyCaseOrByTag() throws RecipeException {
        assertThat(selector("PatientName")).isEqualTo(new Selector.Field("PatientName"));
        assertThat(selector("patientname")).isEqualTo(new Selector.Field("patientname"));
        assertThat(selector("(0010,0010)")).isEqualTo(new Selector.Field("(0010,0010)"));
        assertThat(selector("00100010")).isEqualTo(new Selector.Field("00100010"));
        assertThat(selector("(0019,10fe)")).isEqualTo(new Selector.Field("(0019,10fe)"));
        assertThat(selector("FileMetaInformationVersion")).isEqualTo(new Selector.Field("FileMetaInformationVersion"));
    }

    @Test
    void nestedPathsByKeywordsOrByTagsAndItemIndexes() throws RecipeException {
        assertThat(selector("RequestAttributesSequence__RequestedProcedureCodeSequence__CodeValue"))
                .isEqualTo(new Selector.Field("RequestAttributesSequence__RequestedProcedureCodeSequence__CodeValue"));
        assertThat(selector("(0040,0275)__0__(0032,1064)__0__(0008,0100)"))
                .isEqualTo(new Selector.Field("(0040,0275)__0__(0032,1064)__0__(0008,0100)"));
        // a private sequence is unknown to the dictionary and may hold items
        assertThat(selector("(0011,1002)__0__(0010,0020)")).isEqualTo(new Selector.Field("(0011,1002)__0__(0010,0020)"));
    }

    @Test
    void privateTagsByGroupCreatorAndElement() throws RecipeException {
        assertThat(selector("(0033,\"MITRA OBJECT UTF8 ATTRIBUTES 1.0\",1E)"))
                .isEqualTo(new Selector.PrivateTag(0x0033, "MITRA OBJECT UTF8 ATTRIBUTES 1.0", 0x1E));
        assertThat(selector("0033,\"MITRA OBJECT UTF8 ATTRIBUTES 1.0\",1e"))
                .isEqualTo(new Selector.PrivateTag(0x0033, "MITRA OBJECT UTF8 ATTRIBUTES 1.0", 0x1E));
        assertThat(selector("(0021,\"Siemens: Thorax/Multix FD Post Processing\",15)"))
                .isEqualTo(new Selector.PrivateTag(0x0021, "Siemens: Thorax/Multix FD Post Processing", 0x15));
    }

    @Test
    void theDocumentedPrivateCreatorExamples() throws RecipeException {
        assertThat(header("REMOVE 0033,\"MITRA OBJECT UTF8 ATTRIBUTES 1.0\",1E", "BLANK (0029,\"SIEMENS CSA HEADER\",21)",
                "REPLACE (7FE1,\"Philips Imaging DD 001\",08) \"REDACTED\"")).extracting(HeaderAction::selector, HeaderAction::value)
                .containsExactly(tuple(new Selector.PrivateTag(0x0033, "MITRA OBJECT UTF8 ATTRIBUTES 1.0", 0x1E), null),
                        tuple(new Selector.PrivateTag(0x0029, "SIEMENS CSA HEADER", 0x21), null),
                        tuple(new Selector.PrivateTag(0x7FE1, "Philips Imaging DD 001", 0x08), new Literal("\"REDACTED\"")));
    }

    @Test
    void expandersCompileTheirRegexCaseInsensitivelyAndSplitOnTheFirstColonOutsideQuotes() throws RecipeException {
        assertPattern(selector("contains:Name"), Selector.Contains.class, "Name");
        assertPattern(selector("CONTAINS:\\D{7}"), Selector.Contains.class, "\\D{7}");
        assertPattern(selector("startswith:IssueDate"), Selector.StartsWith.class, "^(?:IssueDate)");
        assertPattern(selector("endswith:Time|Date"), Selector.EndsWith.class, "(?:Time|Date)$");
        assertPattern(selector("except:StudyDate|StudyTime"), Selector.Except.class, "StudyDate|StudyTime");
        assertPattern(selector("contains:(0021,\"Siemens: Thorax\",15)"), Selector.Contains.class, "(0021,\"Siemens: Thorax\",15)");
        assertPattern(selector("contains:a:b"), Selector.Contains.class, "a:b");
    }

    private static void assertPattern(Selector selector, Class<?> kind, String regex) {
        assertThat(selector).isInstanceOf(kind);
        Pattern pattern = selector instanceof Selector.Contains c ? c.pattern()
                : selector instanceof Selector.StartsWith s ? s.pattern()
                : selector instanceof Selector.EndsWith e ? e.pattern()
                : ((Selector.Except) selector).pattern();
        assertThat(pattern.pattern()).isEqualTo(regex);
        assertThat(pattern.flags()).isEqualTo(Pattern.CASE_INSENSITIVE);
    }

    @Test
    void selectByVrOrGroupAllAndLists() throws RecipeException {
        assertThat(selector("select:VR:PN")).isEqualTo(new Selector.SelectVR(VR.PN));
        assertThat(selector("select:vr:tm")).isEqualTo(new Selector.SelectVR(VR.TM));
        assertThat(selector("select:group:0018")).isEqualTo(new Selector.SelectGroup(0x0018));
        assertThat(selector("select:GROUP:7fe0")).isEqualTo(new Selector.SelectGroup(0x7FE0));
        assertThat(selector("ALL")).isEqualTo(new Selector.All());
        assertThat(selector("all")).isEqualTo(new Selector.All());
        Recipe recipe = parse("""
                FORMAT dicom
                %header
                REMOVE fields:instance_fields
                REPLACE values:cookie_names var:id
                %values cookie_names
                FIELD PatientID
                %fields instance_fields
                FIELD contains:Instance
                """);
        assertThat(recipe.header()).extracting(HeaderAction::selector)
                .containsExactly(new Selector.Fields("instance_fields"), new Selector.Values("cookie_names"));
    }

    @Test
    void addWritesOneElementByKeywordOrTag() throws RecipeException {
        assertThat(header("ADD PatientIdentityRemoved YES", "ADD (0012,0062) YES", "ADD 00120063 x").stream().map(HeaderAction::selector))
                .containsExactly(new Selector.Field("PatientIdentityRemoved"), new Selector.Field("(0012,0062)"), new Selector.Field("00120063"));
    }

    @Test
    void valuesAndFieldsLists() throws RecipeException {
        Recipe recipe = parse("""
                FORMAT dicom
                %values cookie_names
                SPLIT PatientID by="^";minlength=4
                FIELD startswith:Operator
                SPLIT PatientName
                split OtherPatientNames by=";"
                SPLIT OtherPatientIDs minlength='2'
                %fields instance_fields
                FIELD contains:Instance
                field (0019,"GEMS_ACQU_01",02)
                """);
        ValuesList values = recipe.values().get("cookie_names");
        assertThat(values.origin()).isEqualTo(at(2, "%values cookie_names"));
        assertThat(values.rules()).hasSize(5);
        assertThat(values.rules().get(0)).isEqualTo(new ValuesList.Rule(new Selector.Field("PatientID"), true, "^", 4,
                at(3, "SPLIT PatientID by=\"^\";minlength=4")));
        ValuesList.Rule field = values.rules().get(1);
        assertThat(field.split()).isFalse();
        assertPattern(field.selector(), Selector.StartsWith.class, "^(?:Operator)");
        assertThat(values.rules().get(2)).isEqualTo(new ValuesList.Rule(new Selector.Field("PatientName"), true, " ", 1, at(5, "SPLIT PatientName")));
        assertThat(values.rules().get(3).by()).isEqualTo(";");
        assertThat(values.rules().get(4).minLength()).isEqualTo(2);
        FieldsList fields = recipe.fields().get("instance_fields");
        assertThat(fields.origin()).isEqualTo(at(8, "%fields instance_fields"));
        assertPattern(fields.fields().get(0), Selector.Contains.class, "Instance");
        assertThat(fields.fields().get(1)).isEqualTo(new Selector.PrivateTag(0x0019, "GEMS_ACQU_01", 0x02));
    }

    @Test
    void aSectionNamedTwiceInOneFileGoesOnWhereItLeftOff() throws RecipeException {
        Recipe recipe = parse("""
                FORMAT dicom
                %values names
                FIELD PatientName
                %filter graylist
                LABEL one
                  present Modality
                %header
                REMOVE PatientID
                %values names
                FIELD OtherPatientNames
                %filter graylist
                LABEL two
                  present Rows
                %header
                REMOVE PatientName
                """);
        assertThat(recipe.values().get("names").rules()).extracting(ValuesList.Rule::selector)
                .containsExactly(new Selector.Field("PatientName"), new Selector.Field("OtherPatientNames"));
        assertThat(recipe.filters()).hasSize(1);
        assertThat(recipe.filters().get(0).labels()).extracting(FilterLabel::name).containsExactly("one", "two");
        assertThat(recipe.header()).extracting(HeaderAction::selector)
                .containsExactly(new Selector.Field("PatientID"), new Selector.Field("PatientName"));
    }

    @Test
    void filterLabelsWithTheirCriteriaLinesAndCoordinates() throws RecipeException {
        Recipe recipe = parse("""
                FORMAT dicom

                %filter graylist

                LABEL LightSpeed Dose Report # (Susan Weber)
                  contains ManufacturerModelName LightSpeed VCT
                  + contains Modality CT
                  + contains ImageType SCREEN SAVE || contains SeriesDescription Dose
                  coordinates 0,0,512,121

                %filter blacklist

                LABEL Burned In Annotation
                  contains ImageType SAVE
                  || contains BurnedInAnnotation YES
                  ||empty ImageType
                  missing Manufacturer || empty Manufacturer
                """);
        assertThat(recipe.filters()).extracting(FilterGroup::name).containsExactly("graylist", "blacklist");
        FilterLabel dose = recipe.filters().get(0).labels().get(0);
        assertThat(dose).isEqualTo(new FilterLabel("LightSpeed Dose Report", List.of(
                line(Joiner.AND, 6, "contains ManufacturerModelName LightSpeed VCT",
                        new Criterion(CONTAINS, "ManufacturerModelName", "LightSpeed VCT")),
                line(Joiner.AND, 7, "+ contains Modality CT", new Criterion(CONTAINS, "Modality", "CT")),
                new CriterionLine(Joiner.AND, List.of(new Criterion(CONTAINS, "ImageType", "SCREEN SAVE"),
                        new Criterion(CONTAINS, "SeriesDescription", "Dose")), List.of(Joiner.OR),
                        at(8, "+ contains ImageType SCREEN SAVE || contains SeriesDescription Dose"))),
                List.of(new Coordinates(false, new Box(0, 0, 512, 121), at(9, "coordinates 0,0,512,121"))),
                at(5, "LABEL LightSpeed Dose Report # (Susan Weber)")));
        FilterLabel burned = recipe.filters().get(1).labels().get(0);
        assertThat(burned.name()).isEqualTo("Burned In Annotation");
        assertThat(burned.coordinates()).isEmpty();
        assertThat(burned.lines()).extracting(CriterionLine::joinedBy).containsExactly(Joiner.AND, Joiner.OR, Joiner.OR, Joiner.AND);
        assertThat(burned.lines().get(2).criteria()).containsExactly(new Criterion(EMPTY, "ImageType", null));
        assertThat(burned.lines().get(3).criteria())
                .containsExactly(new Criterion(MISSING, "Manufacturer", null), new Criterion(EMPTY, "Manufacturer", null));
        assertThat(burned.lines().get(3).joiners()).containsExactly(Joiner.OR);
    }

    private static CriterionLine line(Joiner joinedBy, int number, String text, Criterion criterion) {
        return new CriterionLine(joinedBy, List.of(criterion), List.of(), at(number, text));
    }

    @Test
    void aPlusOrOrStartsACriterionOnlyWhereATestFollows() throws RecipeException {
        FilterLabel label = parse("""
                FORMAT dicom
                %filter graylist
                LABEL regexes
                  contains ManufacturerModelName SOMATOM Definition AS+
                  + contains ImageType DERIVED+SECONDARY
                  contains SeriesDescription a||b || CONTAINS SeriesDescription c+d+notequals Modality CT
                  equals Modality CT|MR
                """).filters().get(0).labels().get(0);
        assertThat(label.lines().get(0).criteria()).containsExactly(new Criterion(CONTAINS, "ManufacturerModelName", "SOMATOM Definition AS+"));
        assertThat(label.lines().get(1).criteria()).containsExactly(new Criterion(CONTAINS, "ImageType", "DERIVED+SECONDARY"));
        assertThat(label.lines().get(2).criteria()).containsExactly(new Criterion(CONTAINS, "SeriesDescription", "a||b"),
                new Criterion(CONTAINS, "SeriesDescription", "c+d"), new Criterion(NOTEQUALS, "Modality", "CT"));
        assertThat(label.lines().get(2).joiners()).containsExactly(Joiner.OR, Joiner.AND);
        assertThat(label.lines().get(3).criteria()).containsExactly(new Criterion(EQUALS, "Modality", "CT|MR"));
    }

    @Test
    void commentsEndFilterLinesAndLabelNamesToo() throws RecipeException {
        FilterLabel label = parse("""
                FORMAT dicom
                %filter graylist # the known ones
                LABEL Dose Report # (Susan Weber)
                  || contains SeriesDescription Dose # the report's banner
                  # a comment between criteria
                  coordinates 0,0,512,110 # the banner
                """).filters().get(0).labels().get(0);
        assertThat(label.name()).isEqualTo("Dose Report");
        assertThat(label.lines()).containsExactly(new CriterionLine(Joiner.OR, List.of(new Criterion(CONTAINS, "SeriesDescription", "Dose")),
                List.of(), at(4, "|| contains SeriesDescription Dose # the report's banner")));
        assertThat(label.coordinates()).extracting(Coordinates::region).containsExactly(new Box(0, 0, 512, 110));
    }

    @Test
    void criterionFieldsByKeywordOrTagIncludingHex() throws RecipeException {
        FilterLabel label = parse("""
                FORMAT dicom
                %filter blacklist
                LABEL tags
                  contains 0x00110003 Agfa
                  + present (0028,0010)
                  + present 00280011
                  + present modality
                """).filters().get(0).labels().get(0);
        assertThat(label.lines()).flatExtracting(CriterionLine::criteria).extracting(Criterion::field)
                .containsExactly("0x00110003", "(0028,0010)", "00280011", "modality");
    }

    @Test
    void everyFormOfCoordinates() throws RecipeException {
        FilterLabel label = parse("""
                FORMAT dicom
                %filter graylist
                LABEL Clean Ultrasound Regions
                  coordinates 450,0,672, 85
                  coordinates ALL
                  keepcoordinates from:SequenceOfUltrasoundRegions
                  keepcoordinates 0,0,1024,1024
                  ctpcoordinates 10,20,30,40
                  ctpkeepcoordinates 0,0,5,5
                  ctpcoordinates all
                  KeepCoordinates from:sequenceofultrasoundregions
                """).filters().get(0).labels().get(0);
        assertThat(label.lines()).isEmpty();
        assertThat(label.coordinates()).extracting(Coordinates::keep, Coordinates::region).containsExactly(
                tuple(false, new Box(450, 0, 672, 85)),
                tuple(false, new All()),
                tuple(true, new FromSequence("SequenceOfUltrasoundRegions")),
                tuple(true, new Box(0, 0, 1024, 1024)),
                tuple(false, new Box(10, 20, 40, 60)),
                tuple(true, new Box(0, 0, 5, 5)),
                tuple(false, new All()),
                tuple(true, new FromSequence("SequenceOfUltrasoundRegions")));
        assertThat(label.coordinates().get(4).origin()).isEqualTo(at(8, "ctpcoordinates 10,20,30,40"));
    }

    @Test
    void labelNamesKeepTheirTextWithoutTheWordLabel() throws RecipeException {
        Recipe recipe = parse("""
                FORMAT dicom
                %filter ShouldMatch
                LABEL - To be tested with Cat.dcm.  Intended to flag the image.
                  contains Modality DX
                label lower case
                  present Modality
                """);
        assertThat(recipe.filters().get(0).labels()).extracting(FilterLabel::name)
                .containsExactly("- To be tested with Cat.dcm.  Intended to flag the image.", "lower case");
    }

    @Test
    void anEmptyLabelsSectionAndAnEmptyFilterGroupAreAccepted() throws RecipeException {
        Recipe recipe = parse("FORMAT dicom\n%labels\n%filter empty\n%header\nREMOVE PatientID\n");
        assertThat(recipe.filters()).containsExactly(new FilterGroup("empty", List.of()));
        assertThat(recipe.header()).hasSize(1);
    }

    @Test
    void formatAndSectionsInAnyCaseAnywhere() throws RecipeException {
        Recipe recipe = parse("%HEADER\nREMOVE PatientID\nformat DICOM\n%Filter G\nLABEL x\n  present Rows\n");
        assertThat(recipe.header()).hasSize(1);
        assertThat(recipe.filters()).extracting(FilterGroup::name).containsExactly("G");
    }

    @Test
    void lineNumbersCountEveryLineWhateverItsEnding() throws RecipeException {
        Recipe recipe = parse("\uFEFFFORMAT dicom\r\n\r\n%header\rREMOVE PatientID\nREMOVE PatientName\r\n");
        assertThat(recipe.header()).extracting(HeaderAction::origin)
                .containsExactly(at(4, "REMOVE PatientID"), at(5, "REMOVE PatientName"));
        assertThat(recipe.sources()).containsExactly(SOURCE);
    }

    @Test
    void loadsAFileAsUtf8() throws IOException, RecipeException {
        Path file = tmp.resolve("deid.dicom");
        Files.writeString(file, "FORMAT dicom\n%header\nREPLACE InstitutionName Hôpital\n", StandardCharsets.UTF_8);
        Recipe recipe = RecipeParser.load(file);
        assertThat(recipe.sources()).containsExactly(file.toString());
        assertThat(recipe.header()).containsExactly(new HeaderAction(Action.REPLACE, new Selector.Field("InstitutionName"),
                new Literal("Hôpital"), new Origin(file.toString(), 3, "REPLACE InstitutionName Hôpital")));
    }

    @Test
    void combinedFilesApplyInOrderAndMergeTheirFiltersAndLists() throws IOException, RecipeException {
        Path first = tmp.resolve("first.dicom");
        Path second = tmp.resolve("second.dicom");
        Files.writeString(first, """
                FORMAT dicom
                %filter graylist
                LABEL from first
                  present Modality
                %values names
                FIELD PatientName
                %header
                REMOVE PatientID
                REPLACE values:names REDACTED
                """);
        Files.writeString(second, """
                FORMAT dicom
                %filter graylist
                LABEL from second
                  present Rows
                %filter blacklist
                LABEL anything
                  present Columns
                %values names
                SPLIT OtherPatientNames by="^"
                %fields dates
                FIELD endswith:Date
                %header
                REMOVE fields:dates
                REMOVE PatientName
                """);
        Recipe recipe = RecipeParser.load(List.of(first, second));
        assertThat(recipe.sources()).containsExactly(first.toString(), second.toString());
        assertThat(recipe.header()).extracting(a -> a.origin().source() + ":" + a.origin().line())
                .containsExactly(first + ":8", first + ":9", second + ":13", second + ":14");
        assertThat(recipe.filters()).extracting(FilterGroup::name).containsExactly("graylist", "blacklist");
        assertThat(recipe.filters().get(0).labels()).extracting(FilterLabel::name).containsExactly("from first", "from second");
        assertThat(recipe.values().get("names").rules()).extracting(ValuesList.Rule::selector)
                .containsExactly(new Selector.Field("PatientName"), new Selector.Field("OtherPatientNames"));
        assertThat(recipe.fields()).containsOnlyKeys("dates");
    }

    @Test
    void aListNamedInOneFileMayBeDefinedInAnotherOfTheCombination() throws IOException, RecipeException {
        Path header = tmp.resolve("header.dicom");
        Path lists = tmp.resolve("lists.dicom");
        Files.writeString(header, "FORMAT dicom\n%header\nREMOVE values:names\n");
        Files.writeString(lists, "FORMAT dicom\n%values names\nFIELD PatientName\n");
        assertThat(RecipeParser.load(List.of(header, lists)).header()).extracting(HeaderAction::selector)
                .containsExactly(new Selector.Values("names"));
    }
}
