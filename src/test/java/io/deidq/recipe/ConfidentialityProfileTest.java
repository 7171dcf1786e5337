package io.deidq.recipe;

import io.deidq.dicom.charset.SpecificCharacterSet;
import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.TransferSyntax;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.data.Values;
import io.deidq.dicom.dict.DictionaryEntry;
import io.deidq.dicom.dict.ElementDictionary;
import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.dicom.io.DicomReader;
import io.deidq.dicom.io.DicomWriter;
import io.deidq.recipe.ConfidentialityTable.Row;
import io.deidq.testing.Dcmtk;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in image recipes do to each attribute of PS3.15 Table E.1-1 what the Basic Profile and
 * the options they take say, row by row, with the expected outcome worked out here from the table
 * itself (not from the recipes); the fixture holds every row our dictionary can write. The recipes
 * are what scripts/generate-profile makes of the table, and name only attributes our dictionary knows.
 */
class ConfidentialityProfileTest {

    private static final Path RULES = Path.of("deid-rules");
    private static final Path FIXTURE = Path.of("src/test/resources/io/deidq/recipe/profile/every-attribute.dump");

    private static final String ENTITY_ID = "7YQ2B4K9M1X3C5D8";
    private static final String ITEM_ID = "3F8H2J6K9M4N7P1Q";
    private static final int JITTER = -7;
    private static final Map<String, Object> VARS = Map.of("entity_id", ENTITY_ID, "item_id", ITEM_ID, "jitter", JITTER);
    private static final byte[] SECRET = "a secret of 32 bytes for the UIDs".getBytes(StandardCharsets.US_ASCII);

    /** The fixture's ReferencedSOPInstanceUID at the top and in the item of every sequence. */
    private static final String SHARED_REFERENCE = "1.2.826.0.1.3680043.10.543.9999";
    /** The fixture's StudyInstanceUID at the top and in its Referenced Request Sequence. */
    private static final String STUDY_UID = "1.2.826.0.1.3680043.10.543.1000";

    /** Rows of the table the fixture holds: 621 written by dump2dcm, Data Set Trailing Padding added here. */
    private static final int ROWS_IN_FIXTURE = 622;
    /** Rows whose attribute our dictionary (PS3.6 2022b) lacks: the recipes name them by tag. */
    private static final int ROWS_NEWER_THAN_DICTIONARY = 45;
    /** Attributes retired since PS3.6 2022b (and Referenced Patient Alias Sequence, which E.1-1 calls retired). */
    private static final Set<String> RETIRED_SINCE_OUR_DICTIONARY = Set.of("(0010,2160)", "(0038,0004)", "(3006,0085)", "(3006,0088)");

    private static final Set<String> TEXT_VRS = Set.of("AE", "CS", "LO", "LT", "PN", "SH", "ST", "UC", "UR", "UT");
    private static final Set<String> NUMBER_VRS = Set.of("DS", "IS", "FL", "FD", "SL", "SS", "SV", "UL", "US", "UV");
    private static final Set<VR> BINARY_VRS = Set.of(VR.OB, VR.OD, VR.OF, VR.OL, VR.OV, VR.OW, VR.UN);
    private static final Set<String> BASIC_ACTIONS = Set.of("X", "Z", "D", "U", "K", "X/Z", "X/D", "Z/D", "X/Z/D", "X/Z/U*");
    private static final Pattern SINGLE_TAG = Pattern.compile("\\([0-9A-F]{4},[0-9A-F]{4}\\)");
    private static final Pattern MASK = Pattern.compile("\\([0-9A-F]{2}xx,(xxxx|[0-9A-F]{4})\\)");
    private static final String PRIVATE_ROW = "(gggg,eeee) where gggg is odd";

    /** The two generated recipes and what each takes of the options. */
    enum Profile {
        DEIDQ("deidq.dicom", true, "MODIFIED", "Basic Application Confidentiality Profile",
                "Retain Longitudinal Temporal Information Modified Dates Option", "Retain Patient Characteristics Option"),
        BASIC("ps3.15-basic.dicom", false, "REMOVED", "Basic Application Confidentiality Profile");

        final String file;
        final boolean options;
        final String temporalInformation;
        final String[] method;

        Profile(String file, boolean options, String temporalInformation, String... method) {
            this.file = file;
            this.options = options;
            this.temporalInformation = temporalInformation;
            this.method = method;
        }
    }

    /** What becomes of an attribute. */
    enum Outcome { REMOVED, EMPTIED, DUMMY, NEW_UID, KEPT, SHIFTED, PATIENT_PSEUDONYM, STUDY_PSEUDONYM }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyRowOfTheTableIsCleanedAsTheProfileSays(Profile profile, @TempDir Path dir) throws Exception {
        Path file = dump2dcm(dir);
        Dataset original = read(file);
        Dataset cleaned = read(file);
        Recipe recipe = RecipeParser.load(RULES.resolve(profile.file));
        new HeaderCleaner(recipe, Map.of("remap_uid", new UidRemapper(SECRET)),
                new HeaderOptions(HeaderAction.Action.BLANK, true)).clean(cleaned, VARS);

        SoftAssertions soft = new SoftAssertions();
        Map<String, String> uids = new HashMap<>();
        int checked = 0;
        Set<Integer> tableTags = new HashSet<>();
        for (Row row : ConfidentialityTable.read().rows()) {
            int tag = row.singleTag();
            tableTags.add(tag);
            Element before = tag == -1 ? null : original.get(tag);
            if (before == null) {
                continue;
            }
            checked++;
            check(soft, row.describe(), expected(row, profile), before, cleaned.get(tag), uids);
        }
        assertThat(checked).as("rows of the table in the fixture").isEqualTo(ROWS_IN_FIXTURE);

        checkMasksAndPrivateElements(soft, original, cleaned);
        checkAttributesTheTableDoesNotList(soft, original, cleaned, tableTags);
        checkReferencedRequest(soft, profile, cleaned, uids);
        checkKeptReferences(soft, cleaned, uids);
        soft.assertThat(new HashSet<>(uids.values())).as("one new UID per original UID").hasSize(uids.size());
        soft.assertThat(cleaned.getString(Tag.PatientIdentityRemoved)).isEqualTo("YES");
        soft.assertThat(cleaned.getString(Tag.LongitudinalTemporalInformationModified)).isEqualTo(profile.temporalInformation);
        soft.assertThat(cleaned.getStrings(Tag.DeidentificationMethod)).containsExactly(profile.method);
        soft.assertAll();

        Path written = dir.resolve("cleaned.dcm");
        DicomWriter.writeFile(written, cleaned, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Dcmtk.run(dir, "dcmdump", written.toString()).assertClean();
    }

    /** A flag with no region quarantines the image: for what the header recipe cannot make safe. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void theBlacklistFlagsBurnedInAnnotationAndScannedDocumentsWithNoRegion(Profile profile) throws Exception {
        PixelFilter filter = new PixelFilter(RecipeParser.load(RULES.resolve(profile.file)));
        assertThat(filter.evaluate(image("CT", "ORIGINAL\\PRIMARY\\AXIAL", "NO")).matches()).isEmpty();
        assertThat(filter.evaluate(image("CT", "DERIVED\\SECONDARY", "NO")).matches()).isEmpty();
        FilterResult burnedIn = filter.evaluate(image("US", "ORIGINAL\\PRIMARY", "YES"));
        assertThat(burnedIn.reasons()).isEqualTo("blacklist/Burned In Annotation");
        assertThat(burnedIn.regions()).isEmpty();
        FilterResult scanned = filter.evaluate(image("OT", "DERIVED\\SECONDARY", "NO"));
        assertThat(scanned.reasons()).isEqualTo("blacklist/Scanned Document or Screen Capture");
        assertThat(scanned.regions()).isEmpty();
    }

    @Test
    void theFixtureHoldsEveryRowOurDictionaryKnows() throws IOException {
        Set<String> written = new HashSet<>();
        for (String line : Files.readAllLines(FIXTURE)) {
            if (line.startsWith("(")) {
                written.add(line.substring(0, 11).toUpperCase(Locale.ROOT));
            }
        }
        List<String> missing = new ArrayList<>();
        for (Row row : ConfidentialityTable.read().rows()) {
            int tag = row.singleTag();
            boolean notInADataSet = tag == -1 || Tags.group(tag) == 0x0000 || Tags.group(tag) == 0x0002
                    || tag == Tag.DataSetTrailingPadding;
            if (!notInADataSet && ElementDictionary.lookup(tag) != null && !written.contains(row.tag())) {
                missing.add(row.describe());
            }
        }
        assertThat(missing).as("rows of the table our dictionary knows and the fixture lacks").isEmpty();
    }

    @Test
    void everyCellOfTheTableIsACodeOfTheStandard() throws IOException {
        List<Row> rows = ConfidentialityTable.read().rows();
        assertThat(rows).hasSize(657);
        Set<String> tags = new HashSet<>();
        SoftAssertions soft = new SoftAssertions();
        for (Row row : rows) {
            soft.assertThat(tags.add(row.tag())).as("%s once", row.describe()).isTrue();
            soft.assertThat(SINGLE_TAG.matcher(row.tag()).matches() || MASK.matcher(row.tag()).matches()
                    || row.tag().equals(PRIVATE_ROW)).as("%s tag", row.describe()).isTrue();
            soft.assertThat(row.cell("retired")).as("%s retired", row.describe()).isIn("Y", "N");
            soft.assertThat(row.cell("inStdCompIOD")).as("%s in std. comp. IOD", row.describe()).isIn("Y", "N");
            soft.assertThat(row.basicProfile()).as("%s basic profile", row.describe()).isIn(BASIC_ACTIONS);
            for (String option : ConfidentialityTable.COLUMNS.subList(5, ConfidentialityTable.COLUMNS.size())) {
                soft.assertThat(row.cell(option)).as("%s %s", row.describe(), option).isIn("", "K", "C");
            }
        }
        soft.assertAll();
    }

    /** The transcription against our dictionary: each tag it knows is the attribute the table names. */
    @Test
    void everyTagOurDictionaryKnowsIsTheAttributeTheTableNames() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        int unknown = 0;
        Set<String> retiredDiffer = new HashSet<>();
        for (Row row : ConfidentialityTable.read().rows()) {
            int tag = row.singleTag();
            DictionaryEntry entry = tag == -1 ? null : ElementDictionary.lookup(tag);
            if (entry == null) {
                unknown += tag == -1 ? 0 : 1;
                continue;
            }
            soft.assertThat(entry.keyword()).as("%s", row.describe()).isEqualToIgnoringCase(keywordOf(row.name()));
            if (entry.retired() != row.cell("retired").equals("Y")) {
                retiredDiffer.add(row.tag());
            }
        }
        soft.assertThat(unknown).as("rows newer than our dictionary").isEqualTo(ROWS_NEWER_THAN_DICTIONARY);
        soft.assertThat(retiredDiffer).isEqualTo(RETIRED_SINCE_OUR_DICTIONARY);
        soft.assertAll();
    }

    @Test
    void everyKeywordOfTheRecipesIsInOurDictionary() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (String file : List.of("deidq.dicom", "ps3.15-basic.dicom", "deidq.metadata")) {
            for (String field : fieldsNamedIn(RULES.resolve(file))) {
                boolean keyword = field.matches("[A-Za-z][A-Za-z0-9]*");
                boolean tag = SINGLE_TAG.matcher(field).matches() || field.matches("select:group:[0-9A-F]{4}");
                if (keyword ? ElementDictionary.tagOf(field) == -1 : !tag) {
                    unknown.add(file + ": " + field);
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void theBuiltInRecipesLoad() throws Exception {
        for (String file : List.of("deidq.dicom", "ps3.15-basic.dicom", "deidq.metadata")) {
            Recipe recipe = RecipeParser.load(RULES.resolve(file));
            assertThat(recipe.header()).as(file).isNotEmpty();
        }
    }

    @Test
    void theCommittedRecipesAreWhatTheGeneratorWrites(@TempDir Path out) throws IOException, InterruptedException {
        Process generator = new ProcessBuilder("python3", "scripts/generate-profile", "--output", out.toString())
                .redirectErrorStream(true).start();
        String output = new String(generator.getInputStream().readAllBytes());
        assertThat(generator.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(generator.exitValue()).as("scripts/generate-profile failed (it needs dcmtk's dicom.dic):%n%s", output).isZero();
        for (String file : List.of("deidq.dicom", "ps3.15-basic.dicom")) {
            assertThat(Files.readString(out.resolve("deid-rules").resolve(file)))
                    .as("deid-rules/%s differs from what scripts/generate-profile writes: run it and commit the result", file)
                    .isEqualTo(Files.readString(RULES.resolve(file)));
        }
    }

    /** What the profile does to a row's attribute, from the table alone. */
    private static Outcome expected(Row row, Profile profile) {
        DictionaryEntry entry = ElementDictionary.lookup(row.singleTag());
        // An attribute newer than our dictionary has no VR the recipe could know: no option applies to its dates.
        String vr = entry == null ? null : entry.vrs();
        boolean modifiedDates = profile.options && row.cell("rtnLongModifDates").equals("C");
        if (modifiedDates && ("DA".equals(vr) || "DT".equals(vr))) {
            return Outcome.SHIFTED;
        }
        if (modifiedDates && "TM".equals(vr)) {
            return Outcome.KEPT;
        }
        if (profile.options && row.cell("rtnPatChars").equals("K")) {
            return Outcome.KEPT;
        }
        switch (entry == null ? "" : entry.keyword()) {
            case "PatientName", "PatientID":
                return Outcome.PATIENT_PSEUDONYM;
            case "AccessionNumber", "StudyID":
                return Outcome.STUDY_PSEUDONYM;
            default:
                break;
        }
        return switch (row.basicProfile()) {
            case "X" -> Outcome.REMOVED;
            case "Z", "X/Z", "Z/D", "X/Z/D" -> Outcome.EMPTIED;
            case "K", "X/Z/U*" -> Outcome.KEPT;
            case "U" -> Outcome.NEW_UID;
            case "D", "X/D" -> "UI".equals(vr) ? Outcome.NEW_UID : dummy(vr) == null ? Outcome.EMPTIED : Outcome.DUMMY;
            default -> throw new AssertionError(row.describe() + ": Basic Profile " + row.basicProfile());
        };
    }

    /** The dummy value of a D for a VR; null where the profile empties the field instead. */
    private static String dummy(String vr) {
        if (vr == null) {
            return null;
        }
        if (TEXT_VRS.contains(vr)) {
            return "ANONYMIZED";
        }
        if (NUMBER_VRS.containsAll(List.of(vr.split("\\|")))) {
            return "0";
        }
        return switch (vr) {
            case "DA" -> "19000101";
            case "DT" -> "19000101000000";
            case "TM" -> "000000";
            case "AS" -> "000Y";
            default -> null;
        };
    }

    private static void check(SoftAssertions soft, String what, Outcome expected, Element before, Element after,
                              Map<String, String> uids) {
        if (expected == Outcome.REMOVED) {
            soft.assertThat(after).as("%s: removed", what).isNull();
            return;
        }
        if (after == null) {
            soft.fail("%s: expected %s, but it was removed", what, expected);
            return;
        }
        String was = text(before);
        String now = text(after);
        switch (expected) {
            case EMPTIED -> soft.assertThat(after.isEmpty()).as("%s: present and empty, is %s", what, after).isTrue();
            case DUMMY -> soft.assertThat(now).as("%s: the dummy of its VR", what)
                    .isEqualTo(dummy(ElementDictionary.lookup(before.tag()).vrs()));
            case NEW_UID -> newUid(soft, what, was, now, uids);
            case KEPT -> kept(soft, what, before, after);
            case SHIFTED -> soft.assertThat(now).as("%s: shifted by %d days", what, JITTER).isEqualTo(shifted(was));
            case PATIENT_PSEUDONYM -> soft.assertThat(now).as("%s: the patient's pseudonym", what).isEqualTo(ENTITY_ID);
            case STUDY_PSEUDONYM -> soft.assertThat(now).as("%s: the study's pseudonym", what).isEqualTo(ITEM_ID);
            default -> throw new AssertionError(expected);
        }
    }

    private static void newUid(SoftAssertions soft, String what, String was, String now, Map<String, String> uids) {
        soft.assertThat(now).as("%s: a new UID", what).startsWith("2.25.").isNotEqualTo(was);
        String first = uids.putIfAbsent(was, now);
        if (first != null) {
            soft.assertThat(now).as("%s: the new UID its original got elsewhere", what).isEqualTo(first);
        }
    }

    private static void kept(SoftAssertions soft, String what, Element before, Element after) {
        if (before.isSequence()) {
            soft.assertThat(after.isSequence() ? after.sequence().size() : -1).as("%s: items kept", what)
                    .isEqualTo(before.sequence().size());
        } else {
            soft.assertThat(after.bytes()).as("%s: kept", what).isEqualTo(before.bytes());
        }
    }

    /** A DA or DT with its date moved by the jitter; a DT keeps its time, fraction and offset as they were. */
    private static String shifted(String value) {
        DateTimeFormatter basic = DateTimeFormatter.BASIC_ISO_DATE;
        return LocalDate.parse(value.substring(0, 8), basic).plusDays(JITTER).format(basic) + value.substring(8);
    }

    private static void checkMasksAndPrivateElements(SoftAssertions soft, Dataset original, Dataset cleaned) {
        int masked = 0;
        for (Element e : original) {
            if (masked(e.tag())) {
                masked++;
                soft.assertThat(cleaned.get(e.tag())).as("%s, of a mask of the table, removed", Tags.toString(e.tag())).isNull();
            }
        }
        soft.assertThat(masked).as("curve and overlay elements of the fixture's groups 5000, 5002, 6000, 6002").isEqualTo(8);
        List<String> privates = new ArrayList<>();
        collectPrivate(cleaned, "", privates);
        soft.assertThat(privates).as("private elements left").isEmpty();
    }

    /** Whether a row with a mask names the element: (50xx,xxxx) Curve Data, (60xx,3000) Overlay Data, (60xx,4000) Overlay Comments. */
    private static boolean masked(int tag) {
        int group = Tags.group(tag);
        int element = Tags.element(tag);
        return (group & 0xFF00) == 0x5000 || ((group & 0xFF00) == 0x6000 && (element == 0x3000 || element == 0x4000));
    }

    private static void collectPrivate(Dataset dataset, String path, List<String> found) {
        for (Element e : dataset) {
            if (Tags.group(e.tag()) % 2 == 1) {
                found.add(path + Tags.toString(e.tag()));
            }
            if (e.isSequence()) {
                for (Dataset item : e.sequence()) {
                    collectPrivate(item, path + Tags.toString(e.tag()) + "/", found);
                }
            }
        }
    }

    /** The Basic Profile retains what the table does not list; the image recipe's default would empty it. */
    private static void checkAttributesTheTableDoesNotList(SoftAssertions soft, Dataset original, Dataset cleaned,
                                                           Set<Integer> tableTags) {
        int kept = 0;
        for (Element e : original) {
            if (tableTags.contains(e.tag()) || masked(e.tag()) || Tags.group(e.tag()) % 2 == 1) {
                continue;
            }
            kept++;
            Element after = cleaned.get(e.tag());
            if (after == null) {
                soft.fail("%s (not in the table) was removed", Tags.toString(e.tag()));
            } else {
                kept(soft, Tags.toString(e.tag()) + " (not in the table)", e, after);
            }
        }
        soft.assertThat(kept).as("attributes of the fixture the table does not list").isEqualTo(29);
    }

    /** A sequence the table does not list is kept, and what it holds is cleaned like any other field. */
    private static void checkReferencedRequest(SoftAssertions soft, Profile profile, Dataset cleaned, Map<String, String> uids) {
        Element sequence = cleaned.get(Tag.ReferencedRequestSequence);
        if (sequence == null || sequence.sequence().size() != 1) {
            soft.fail("Referenced Request Sequence should keep its one item, is %s", sequence);
            return;
        }
        Dataset item = sequence.sequence().get(0);
        String what = "Referenced Request Sequence > ";
        soft.assertThat(item.getString(Tag.AccessionNumber)).as(what + "AccessionNumber").isEqualTo(ITEM_ID);
        soft.assertThat(item.getString(Tag.PatientName)).as(what + "PatientName").isEqualTo(ENTITY_ID);
        soft.assertThat(item.getString(Tag.StudyInstanceUID)).as(what + "StudyInstanceUID, as at the top")
                .isEqualTo(uids.get(STUDY_UID)).isEqualTo(cleaned.getString(Tag.StudyInstanceUID));
        soft.assertThat(item.get(Tag.RequestedProcedureID)).as(what + "RequestedProcedureID").isNull();
        Element description = item.get(Tag.RequestedProcedureDescription);
        soft.assertThat(description != null && description.isEmpty()).as(what + "RequestedProcedureDescription empty").isTrue();
        if (profile.options) {
            soft.assertThat(item.getString(Tag.StudyDate)).as(what + "StudyDate shifted").isEqualTo(shifted("20200305"));
        } else {
            Element date = item.get(Tag.StudyDate);
            soft.assertThat(date != null && date.isEmpty()).as(what + "StudyDate empty").isTrue();
        }
    }

    /** X/Z/U*: the source and referenced image sequences stay, their instance UIDs replaced as everywhere. */
    private static void checkKeptReferences(SoftAssertions soft, Dataset cleaned, Map<String, String> uids) {
        String reference = uids.get(SHARED_REFERENCE);
        soft.assertThat(reference).as("the top-level ReferencedSOPInstanceUID's new UID").isNotNull();
        for (int tag : new int[] {Tag.ReferencedImageSequence, Tag.SourceImageSequence}) {
            Element sequence = cleaned.get(tag);
            String what = Tags.toString(tag) + " > ";
            if (sequence == null || sequence.sequence().size() != 1) {
                soft.fail("%s should keep its one item, is %s", Tags.toString(tag), sequence);
                continue;
            }
            Dataset item = sequence.sequence().get(0);
            soft.assertThat(item.getString(Tag.ReferencedSOPInstanceUID)).as(what + "ReferencedSOPInstanceUID").isEqualTo(reference);
            soft.assertThat(item.getString(Tag.ReferencedSOPClassUID)).as(what + "ReferencedSOPClassUID")
                    .isEqualTo("1.2.840.10008.5.1.4.1.1.2");
            soft.assertThat(item.getString(Tag.CodeValue)).as(what + "CodeValue").isEqualTo("T-A0100");
            soft.assertThat(item.getString(Tag.CodeMeaning)).as(what + "CodeMeaning").isEqualTo("Secret Code Meaning");
        }
    }

    /** Every field a recipe's header and filter lines name (selectors of header lines, fields of criteria). */
    private static List<String> fieldsNamedIn(Path recipe) throws IOException {
        List<String> fields = new ArrayList<>();
        String section = "";
        for (String raw : Files.readAllLines(recipe)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("FORMAT")) {
                continue;
            }
            if (line.startsWith("%")) {
                section = line.split("\\s+")[0];
            } else if (section.equals("%header")) {
                fields.add(line.split("\\s+")[1]);
            } else if (section.equals("%filter") && !line.startsWith("LABEL")) {
                for (String criterion : line.split("\\s*(\\+|\\|\\|)\\s*")) {
                    fields.add(criterion.strip().split("\\s+")[1]);
                }
            }
        }
        return fields;
    }

    /** A PS3.6 keyword from an attribute's name: "Patient's Name" is PatientName, "Operators' Name" OperatorsName. */
    private static String keywordOf(String name) {
        return name.replace(" (see Note 11)", "").replace("'s", "").replaceAll("[^A-Za-z0-9]", "");
    }

    /** The values as text, several joined by a backslash; the bytes in hex for a binary VR, nothing for a sequence. */
    private static String text(Element e) {
        if (e.isSequence()) {
            return "";
        }
        if (BINARY_VRS.contains(e.vr())) {
            return HexFormat.of().formatHex(e.bytes());
        }
        return String.join("\\", Values.strings(e, SpecificCharacterSet.DEFAULT, true));
    }

    private static Dataset image(String modality, String imageType, String burnedInAnnotation) {
        Dataset image = new Dataset();
        image.putString(Tag.ImageType, VR.CS, imageType.split("\\\\"));
        image.putString(Tag.Modality, VR.CS, modality);
        image.putString(Tag.BurnedInAnnotation, VR.CS, burnedInAnnotation);
        return image;
    }

    private static Path dump2dcm(Path dir) {
        Path file = dir.resolve("every-attribute.dcm");
        Dcmtk.run(dir, "dump2dcm", "-q", "+te", FIXTURE.toAbsolutePath().toString(), file.toString()).assertClean();
        return file;
    }

    /** The fixture as read, with Data Set Trailing Padding, which dcmtk does not write from a dump. */
    private static Dataset read(Path file) throws IOException {
        try (DicomFile dicom = DicomReader.readFile(file)) {
            Dataset dataset = dicom.dataset();
            dataset.put(Element.of(Tag.DataSetTrailingPadding, VR.OB, new byte[] {0, 0}));
            return dataset;
        }
    }
}
