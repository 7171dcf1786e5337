package io.deidq.recipe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every recipe the parser refuses, with the exact message: the file, the line number, the line
 * and the reason. Where deid warns and skips, or goes on silently, these fail at load.
 */
class RecipeParserErrorTest {

    @TempDir
    Path tmp;

    /** A recipe whose line 3 is {@code line}, in a %header section, and the message that names that line. */
    private static Arguments header(String line, String reason) {
        return arguments("FORMAT dicom\n%header\n" + line + "\n", "test.recipe line 3 (\"" + line + "\"): " + reason);
    }

    /** A recipe whose line 3 is {@code line}, in {@code section}. */
    private static Arguments in(String section, String line, String reason) {
        return arguments("FORMAT dicom\n" + section + "\n" + line + "\n", "test.recipe line 3 (\"" + line + "\"): " + reason);
    }

    /** A recipe whose line 4 is {@code line}, inside LABEL x of %filter graylist. */
    private static Arguments inLabel(String line, String reason) {
        return arguments("FORMAT dicom\n%filter graylist\nLABEL x\n" + line + "\n", "test.recipe line 4 (\"" + line + "\"): " + reason);
    }

    static Stream<Arguments> fileStructure() {
        return Stream.of(
                arguments("%header\nREMOVE PatientID\n", "test.recipe: has no FORMAT dicom line, which a deid recipe must have"),
                arguments("", "test.recipe: has no FORMAT dicom line, which a deid recipe must have"),
                arguments("FORMAT nifti\n", "test.recipe line 1 (\"FORMAT nifti\"): the format must be dicom, the only one deid knows"),
                arguments("FORMAT\n", "test.recipe line 1 (\"FORMAT\"): the format must be dicom, the only one deid knows"),
                arguments("FORMAT dicom\nFORMAT dicom\n", "test.recipe line 2 (\"FORMAT dicom\"): a second FORMAT line"),
                arguments("FORMAT dicom\nREMOVE PatientID\n",
                        "test.recipe line 2 (\"REMOVE PatientID\"): this line comes before any section (%header, %filter, %values, %fields)"),
                arguments("FORMAT dicom\n%pixels\n",
                        "test.recipe line 2 (\"%pixels\"): %pixels is not a section (%header, %filter, %values, %fields, %labels)"),
                arguments("FORMAT dicom\n%\n", "test.recipe line 2 (\"%\"): % is not a section (%header, %filter, %values, %fields, %labels)"),
                arguments("FORMAT dicom\n%filter\n", "test.recipe line 2 (\"%filter\"): %filter needs a name, as in %filter graylist"),
                arguments("FORMAT dicom\n%filter # graylist\n",
                        "test.recipe line 2 (\"%filter # graylist\"): %filter needs a name, as in %filter graylist"),
                arguments("FORMAT dicom\n%values\n", "test.recipe line 2 (\"%values\"): %values needs a name, as in %values patient_names"),
                arguments("FORMAT dicom\n%fields\n", "test.recipe line 2 (\"%fields\"): %fields needs a name, as in %fields patient_names"),
                arguments("FORMAT dicom\n%header main\n", "test.recipe line 2 (\"%header main\"): %header takes no name"),
                in("%labels", "ADD MAINTAINER vsochat@stanford.edu",
                        "%labels must be empty: deidq gives its lines no meaning"));
    }

    static Stream<Arguments> headerActions() {
        return Stream.of(
                header("DELETE PatientID", "\"DELETE\" is not a header action (ADD, BLANK, JITTER, KEEP, REPLACE, REMOVE)"),
                header("FIELD PatientID", "\"FIELD\" is not a header action (ADD, BLANK, JITTER, KEEP, REPLACE, REMOVE)"),
                header("LABEL Burned In", "LABEL belongs in a %filter section, not in %header"),
                header("contains Modality CT", "\"contains\" is not a header action (ADD, BLANK, JITTER, KEEP, REPLACE, REMOVE)"),
                header("ADD", "ADD needs a field"),
                header("REMOVE # nothing", "REMOVE needs a field"),
                header("ADD PatientIdentityRemoved", "ADD needs a value"),
                header("REPLACE PatientID", "REPLACE needs a value"),
                header("REPLACE PatientID # the comment is no value", "REPLACE needs a value"),
                header("JITTER StudyDate", "JITTER needs a value"),
                header("BLANK PatientName x", "BLANK takes no value, not \"x\""),
                header("KEEP Modality CT MR", "KEEP takes no value, not \"CT MR\""),
                header("REMOVE PatientID contains:foo",
                        "REMOVE takes no value but func:NAME (a conditional removal), not \"contains:foo\""),
                header("REMOVE ALL contains:(\\d{7,0})",
                        "REMOVE takes no value but func:NAME (a conditional removal), not \"contains:(\\d{7,0})\""),
                header("REMOVE PatientID var:flag",
                        "REMOVE takes no value but func:NAME (a conditional removal), not \"var:flag\""),
                header("REPLACE PatientName O'Brien", "a quote (') is not closed"),
                header("REPLACE PatientName \"Anon", "a quote (\") is not closed"),
                header("REPLACE PatientID var:", "var: takes one name, as in var:NAME, not \"var:\""),
                header("REPLACE PatientID var:entity id", "var: takes one name, as in var:NAME, not \"var:entity id\""),
                header("REPLACE PatientID func:", "func: takes one name, as in func:NAME, not \"func:\""),
                header("JITTER StudyDate 1.5", "JITTER takes a whole number of days or var:NAME, not \"1.5\""),
                header("JITTER StudyDate 99999999999", "JITTER takes a whole number of days or var:NAME, not \"99999999999\""),
                header("JITTER StudyDate func:days", "JITTER takes a whole number of days or var:NAME, not \"func:days\""),
                header("JITTER StudyDate deid_func:jitter days=1",
                        "JITTER takes a whole number of days or var:NAME, not \"deid_func:jitter days=1\""),
                header("REPLACE SOPInstanceUID deid_func:uuid",
                        "deid_func:uuid is not one of deid's functions (jitter, dicom_uuid, pydicom_uuid, basic_uuid, suffix_uuid)"),
                header("REPLACE SOPInstanceUID deid_func:",
                        "deid_func: is not one of deid's functions (jitter, dicom_uuid, pydicom_uuid, basic_uuid, suffix_uuid)"),
                header("REPLACE SOPInstanceUID deid_func:pydicom_uuid salt=1",
                        "deid_func:pydicom_uuid has no option salt (it takes prefix, stable_remapping)"),
                header("REPLACE PatientID deid_func:basic_uuid prefix=1.",
                        "deid_func:basic_uuid has no option prefix (it takes none)"),
                header("REPLACE SOPInstanceUID deid_func:pydicom_uuid stable_remapping",
                        "deid_func:pydicom_uuid takes options as key=value, not \"stable_remapping\""),
                header("REPLACE SOPInstanceUID deid_func:pydicom_uuid stable_remapping=True",
                        "deid_func:pydicom_uuid option stable_remapping takes true or false, not \"True\""),
                header("REPLACE SOPInstanceUID deid_func:pydicom_uuid prefix=1.2.3",
                        "deid_func:pydicom_uuid option prefix takes a UID prefix ending in a dot, or none, not \"1.2.3\""),
                header("REPLACE SOPInstanceUID deid_func:dicom_uuid org_root=none",
                        "deid_func:dicom_uuid option org_root takes text other than none or null, not \"none\""),
                header("REPLACE StudyDate deid_func:jitter days=one",
                        "deid_func:jitter option days takes a whole number, not \"one\""),
                header("REPLACE StudyDate deid_func:jitter days=1 days=2", "deid_func:jitter option days is given twice"));
    }

    static Stream<Arguments> selectors() {
        String notAField = " is not a keyword or element name of the DICOM dictionary nor a tag (gggg,eeee) or ggggeeee";
        return Stream.of(
                header("REMOVE PatientsName", "\"PatientsName\"" + notAField),
                header("REMOVE jitter", "\"jitter\"" + notAField),
                header("REMOVE \"Patient's Name\"", "\"\"Patient's Name\"\"" + notAField),
                header("REMOVE (0010,001)", "\"(0010,001)\"" + notAField),
                header("REMOVE 0010001G", "\"0010001G\"" + notAField),
                header("REMOVE allfields",
                        "allfields is documented by deid but not implemented there (it matches nothing); deidq refuses it: use ALL or except:RE"),
                header("BLANK AllExcept",
                        "AllExcept is documented by deid but not implemented there (it matches nothing); deidq refuses it: use ALL or except:RE"),
                header("KEEP allexcept:PixelData",
                        "allexcept:PixelData is documented by deid but not implemented there (it matches nothing); deidq refuses it: use ALL or except:RE"),
                header("REMOVE matches:Patient",
                        "\"matches:\" is not a selector deid knows (contains:, startswith:, endswith:, except:, select:, fields:, values:)"),
                header("REMOVE contains:", "contains: needs a regular expression (an empty one matches every field)"),
                header("KEEP except:", "except: needs a regular expression (an empty one matches every field)"),
                header("REMOVE contains:(Name", "contains:(Name is not a valid regular expression: Unclosed group"),
                header("REMOVE startswith:*Date", "startswith:*Date is not a valid regular expression: Dangling meta character '*'"),
                header("REMOVE select:VR:XX", "select:VR:XX names no value representation (AE, AS, ... UV)"),
                header("REMOVE select:VR:PNX", "select:VR:PNX names no value representation (AE, AS, ... UV)"),
                header("REMOVE select:group:00189", "select:group:00189 is not a group of one to four hexadecimal digits"),
                header("REMOVE select:group:", "select:group: is not a group of one to four hexadecimal digits"),
                header("REMOVE select:tag:00100010", "select:tag:00100010 selects by VR:XX or group:GGGG only"),
                header("REMOVE values:", "values: needs the name of a %values section"),
                header("REMOVE values:names", "values:names names no %values section of this recipe"),
                header("REMOVE fields:dates", "fields:dates names no %fields section of this recipe"),
                header("ADD contains:Date 20240101", "ADD takes a single keyword or tag (deid's ADD uses no selectors), not \"contains:Date\""),
                header("ADD ALL func:remove_identifiers", "ADD takes a single keyword or tag (deid's ADD uses no selectors), not \"ALL\""),
                header("ADD (0033,\"CREATOR\",1E) x",
                        "ADD takes a single keyword or tag (deid's ADD uses no selectors), not \"(0033,\"CREATOR\",1E)\""),
                header("ADD ContentSequence__CodeValue x",
                        "ADD takes a single keyword or tag (deid's ADD uses no selectors), not \"ContentSequence__CodeValue\""),
                header("ADD PatientsName x", "ADD takes a single keyword or tag (deid's ADD uses no selectors), not \"PatientsName\""),
                header("REMOVE (0010,\"CREATOR\",10)", "group 0010 of (0010,\"CREATOR\",10) is not a private (odd) group"),
                header("REMOVE (0033,\"\",1E)", "(0033,\"\",1E) names no private creator"),
                header("REMOVE (0033,\"CREATOR\",1E", "the private tag (0033,\"CREATOR\",1E opens or closes a parenthesis it does not match"),
                header("REMOVE ContentSequence__CodeValu",
                        "\"CodeValu\" in the path ContentSequence__CodeValu is not a keyword of the DICOM dictionary"),
                header("REMOVE CodeValue__CodeMeaning", "\"CodeValue\" in the path CodeValue__CodeMeaning is not a sequence"),
                header("REMOVE ContentSequence__", "\"\" in the path ContentSequence__ is not a keyword of the DICOM dictionary"),
                header("REMOVE (0040,0275)__x__(0008,0100)",
                        "\"x\" in the path (0040,0275)__x__(0008,0100) is not an item index (0, 1, ...)"),
                header("REMOVE (0040,0275)__0",
                        "the path (0040,0275)__0 does not alternate tags and item indexes, ending in a tag"),
                header("REMOVE (0040,0275)__0__00080100",
                        "\"00080100\" in the path (0040,0275)__0__00080100 is not a tag (gggg,eeee)"),
                header("REMOVE (0008,0100)__0__(0008,0104)",
                        "\"(0008,0100)\" in the path (0008,0100)__0__(0008,0104) is not a sequence"));
    }

    static Stream<Arguments> lists() {
        return Stream.of(
                in("%values names", "REMOVE PatientName", "a line of %values is FIELD <field> or SPLIT <field> [by=\"x\";minlength=n]"),
                in("%values names", "FIELD", "FIELD needs a field"),
                in("%values names", "SPLIT", "SPLIT needs a field"),
                in("%values names", "FIELD PatientName by=\"^\"", "FIELD takes a field only, not \"by=\"^\"\""),
                in("%values names", "FIELD values:other", "a %values or %fields list cannot name another list (values:other)"),
                in("%values names", "FIELD PatientsName", "\"PatientsName\" is not a keyword or element name of the DICOM dictionary nor a "
                        + "tag (gggg,eeee) or ggggeeee"),
                in("%values names", "SPLIT PatientName splitval='^';minlength='4'",
                        "SPLIT takes by= and minlength=, separated by ;, not \"splitval='^'\""),
                in("%values names", "SPLIT PatientName by=\"^\";minlength=0", "SPLIT takes minlength= once, with a whole number of at least 1"),
                in("%values names", "SPLIT PatientName minlength=four", "SPLIT takes minlength= once, with a whole number of at least 1"),
                in("%values names", "SPLIT PatientName by=\"\"", "SPLIT takes by= once, with the text to split by, as in by=\"^\""),
                in("%values names", "SPLIT PatientName by=^;by=x", "SPLIT takes by= once, with the text to split by, as in by=\"^\""),
                in("%values names", "SPLIT PatientName by=\"^\";", "SPLIT takes by= and minlength=, separated by ;, not \"\""),
                in("%fields dates", "SPLIT StudyDate", "a line of %fields is FIELD <field>"),
                in("%fields dates", "FIELD", "FIELD needs a field"),
                in("%fields dates", "FIELD StudyDate SeriesDate", "FIELD takes a field only, not \"SeriesDate\""),
                in("%fields dates", "FIELD fields:other", "a %values or %fields list cannot name another list (fields:other)"));
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                in("%filter graylist", "contains Modality CT", "this line of %filter graylist comes before any LABEL"),
                in("%filter graylist", "coordinates 0,0,10,10", "this line of %filter graylist comes before any LABEL"),
                in("%filter graylist", "LABEL", "LABEL needs a name"),
                in("%filter graylist", "LABEL # a comment only", "LABEL needs a name"),
                arguments("FORMAT dicom\n%filter graylist\nLABEL nothing\nLABEL next\n  present Rows\n",
                        "test.recipe line 3 (\"LABEL nothing\"): LABEL nothing has no criteria and no coordinates"),
                arguments("FORMAT dicom\n%filter graylist\nLABEL last\n",
                        "test.recipe line 3 (\"LABEL last\"): LABEL last has no criteria and no coordinates"),
                inLabel("matches Modality CT",
                        "\"matches\" is not a filter test (contains, notcontains, equals, notequals, missing, present, empty)"),
                inLabel("REMOVE PatientID",
                        "\"REMOVE\" is not a filter test (contains, notcontains, equals, notequals, missing, present, empty)"),
                inLabel("contains", "contains needs a field"),
                inLabel("contains Modality", "contains needs a field and a value"),
                inLabel("equals Rows", "equals needs a field and a value"),
                inLabel("missing ImageType SAVE", "missing takes a field only, not \"SAVE\""),
                inLabel("+ empty", "empty needs a field"),
                inLabel("contains Manfacturer ADAC",
                        "\"Manfacturer\" is not a keyword of the DICOM dictionary nor a tag (gggg,eeee), ggggeeee or 0xggggeeee"),
                inLabel("present 0x0011003", "\"0x0011003\" is not a keyword of the DICOM dictionary nor a tag (gggg,eeee), ggggeeee or 0xggggeeee"),
                inLabel("contains SeriesDescription (Dose", "\"(Dose\" is not a valid regular expression: Unclosed group"),
                inLabel("notcontains SeriesDescription [a", "\"[a\" is not a valid regular expression: Unclosed character class"),
                inLabel("+", "a + or || has no criterion on one side"),
                inLabel("|| + contains Modality CT", "a + or || has no criterion on one side"),
                inLabel("present Rows || || present Columns", "present takes a field only, not \"||\""),
                inLabel("coordinates", "coordinates needs x0,y0,x1,y1, all or from:SEQUENCE"),
                inLabel("coordinates 0,0,10", "coordinates takes x0,y0,x1,y1, all or from:SEQUENCE in whole numbers, not \"0,0,10\""),
                inLabel("coordinates 0,0,10,10,", "coordinates takes x0,y0,x1,y1, all or from:SEQUENCE in whole numbers, not \"0,0,10,10,\""),
                inLabel("coordinates -1,0,10,10", "coordinates takes x0,y0,x1,y1, all or from:SEQUENCE in whole numbers, not \"-1,0,10,10\""),
                inLabel("keepcoordinates 0,0,1.5,10",
                        "keepcoordinates takes x0,y0,x1,y1, all or from:SEQUENCE in whole numbers, not \"0,0,1.5,10\""),
                inLabel("coordinates 10,0,10,10", "coordinates x0,y0,x1,y1 needs x0 < x1 and y0 < y1 (the ends are exclusive)"),
                inLabel("coordinates 0,20,10,10", "coordinates x0,y0,x1,y1 needs x0 < x1 and y0 < y1 (the ends are exclusive)"),
                inLabel("ctpcoordinates 0,0,0,10", "ctpcoordinates x,y,w,h needs a width and a height above 0"),
                inLabel("ctpkeepcoordinates 0,0,x,10", "ctpkeepcoordinates takes x,y,w,h or all in whole numbers, not \"0,0,x,10\""),
                inLabel("ctpcoordinates from:SequenceOfUltrasoundRegions", "ctpcoordinates takes x,y,w,h or all, not from:"),
                inLabel("keepcoordinates from:PatientName",
                        "from:PatientName names no sequence of the DICOM dictionary (such as SequenceOfUltrasoundRegions)"),
                inLabel("coordinates from:UltrasoundRegions",
                        "from:UltrasoundRegions names no sequence of the DICOM dictionary (such as SequenceOfUltrasoundRegions)"));
    }

    @ParameterizedTest
    @MethodSource({"fileStructure", "headerActions", "selectors", "lists", "filters"})
    void refusesWithTheFileLineAndReason(String recipe, String message) {
        assertThatThrownBy(() -> RecipeParser.parse("test.recipe", recipe)).isInstanceOf(RecipeException.class).hasMessage(message);
    }

    @Test
    void theExceptionCarriesTheLineAtFault() {
        assertThatThrownBy(() -> RecipeParser.parse("test.recipe", "FORMAT dicom\n%header\n\n  REMOVE PatientsName  \n"))
                .isInstanceOfSatisfying(RecipeException.class, e ->
                        assertThat(e.origin()).isEqualTo(new Origin("test.recipe", 4, "REMOVE PatientsName")));
        assertThatThrownBy(() -> RecipeParser.parse("test.recipe", "%header\n"))
                .isInstanceOfSatisfying(RecipeException.class, e -> assertThat(e.origin()).isNull());
    }

    @Test
    void aFileThatCannotBeReadOrIsNotUtf8() throws IOException {
        Path missing = tmp.resolve("missing.dicom");
        assertThatThrownBy(() -> RecipeParser.load(missing)).isInstanceOf(RecipeException.class)
                .hasMessage(missing + ": cannot be read: no such file");
        Path latin1 = tmp.resolve("latin1.dicom");
        Files.write(latin1, "FORMAT dicom\n%header\nREPLACE InstitutionName H\u00f4pital\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> RecipeParser.load(latin1)).isInstanceOf(RecipeException.class)
                .hasMessage(latin1 + ": cannot be read: it is not UTF-8 text");
        assertThatThrownBy(() -> RecipeParser.load(List.of(latin1, missing))).isInstanceOf(RecipeException.class)
                .hasMessage(latin1 + ": cannot be read: it is not UTF-8 text");
    }

    @Test
    void combinedFilesNameTheFileAtFaultAndAListNoneOfThemDefines() throws IOException {
        Path good = tmp.resolve("good.dicom");
        Path bad = tmp.resolve("bad.dicom");
        Files.writeString(good, "FORMAT dicom\n%values names\nFIELD PatientName\n");
        Files.writeString(bad, "FORMAT dicom\n%header\nREMOVE values:names\nREMOVE fields:dates\n");
        assertThatThrownBy(() -> RecipeParser.load(List.of(good, bad))).isInstanceOf(RecipeException.class)
                .hasMessage(bad + " line 4 (\"REMOVE fields:dates\"): fields:dates names no %fields section of any of the recipes "
                        + good + ", " + bad);
        Path noFormat = tmp.resolve("noformat.dicom");
        Files.writeString(noFormat, "%header\nREMOVE PatientID\n");
        assertThatThrownBy(() -> RecipeParser.load(List.of(good, noFormat))).isInstanceOf(RecipeException.class)
                .hasMessage(noFormat + ": has no FORMAT dicom line, which a deid recipe must have");
    }
}
