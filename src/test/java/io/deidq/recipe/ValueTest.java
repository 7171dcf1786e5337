package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.data.Values;
import io.deidq.dicom.dict.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.deidq.recipe.Headers.humans;
import static io.deidq.recipe.Headers.text;
import static io.deidq.recipe.Headers.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values of REPLACE and ADD (reference 1.3): literals by VR, variables, functions, and where deid keeps the original, failures. */
class ValueTest {

    private static Dataset clean(Map<String, Object> vars, Map<String, RecipeFunction> functions, String... lines) throws Exception {
        Dataset ds = humans();
        new HeaderCleaner(Recipes.recipe(lines), functions, new HeaderOptions(null, false)).clean(ds, vars);
        return ds;
    }

    private static Dataset clean(String... lines) throws Exception {
        return clean(Map.of(), Map.of(), lines);
    }

    @Test
    void aLiteralIsConvertedByTheVrOfTheField() throws Exception {
        Dataset ds = humans();
        ds.put(Element.of(Tag.CTDIvol, VR.FD, new byte[8]));
        ds.put(Element.of(0x00091010, VR.OB, new byte[2]));
        ds.putString(0x00090010, VR.LO, "ACME 1.0");
        new HeaderCleaner(Recipes.recipe("REPLACE Rows 256", "REPLACE CTDIvol 48.5", "REPLACE (0009,1010) abc",
                "REPLACE OtherPatientIDs A\\B"), Map.of(), new HeaderOptions(null, false)).clean(ds, Map.of());
        assertThat(Values.longs(ds.get(Tag.Rows))).containsExactly(256);
        assertThat(Values.doubles(ds.get(Tag.CTDIvol))).containsExactly(48.5);
        assertThat(ds.get(0x00091010).bytes()).isEqualTo("abc\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(ds.getStrings(Tag.OtherPatientIDs)).containsExactly("A", "B");
    }

    @Test
    void textIsEncodedInTheCharacterSetOfTheDataSet() throws Exception {
        Dataset ds = humans();
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        new HeaderCleaner(Recipes.recipe("REPLACE PatientName Müller^Jörg"), Map.of(), new HeaderOptions(null, false)).clean(ds, Map.of());
        assertThat(ds.get(Tag.PatientName).bytes()).isEqualTo("M\u00fcller^J\u00f6rg ".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(text(ds, Tag.PatientName)).isEqualTo("Müller^Jörg");
    }

    @Test
    void textTheCharacterSetCannotHoldFailsTheImage() {
        assertThatThrownBy(() -> clean("REPLACE PatientName Müller"))
                .isInstanceOf(RecipeApplicationException.class).hasMessageContaining("cannot encode");
    }

    @Test
    void aLiteralTheVrCannotHoldFailsTheImageWhereDeidKeepsTheOriginal() {
        assertThatThrownBy(() -> clean("REPLACE Rows notanumber"))
                .isInstanceOf(RecipeApplicationException.class)
                .hasMessage("Rows (0028,0010): test.dicom line 1 (\"REPLACE Rows notanumber\"): the value is not an integer for VR US");
        assertThatThrownBy(() -> clean("REPLACE Rows 70000")).hasMessageEndingWith("the value is out of the range of VR US");
        assertThatThrownBy(() -> clean("REPLACE StudyDate 2023-13-01")).hasMessageEndingWith("the value is not a date (DA, YYYYMMDD)");
        assertThatThrownBy(() -> clean("REPLACE SOPInstanceUID abc")).hasMessageContaining("is not a UID");
    }

    @Test
    void anIsoTimestampIsWrittenAsADicomDate() throws Exception {
        Dataset ds = clean(vars("item_timestamp", "2010-02-09T11:50:00-0800"), Map.of(),
                "ADD StudyDate var:item_timestamp", "REPLACE AcquisitionDateTime var:item_timestamp");
        assertThat(text(ds, Tag.StudyDate)).isEqualTo("20100209");
        assertThat(text(ds, Tag.AcquisitionDateTime)).isEqualTo("20100209115000-0800");
    }

    @Test
    void aVariableGivesItsValueAsText() throws Exception {
        Dataset ds = clean(vars("entity_id", "SUID-1", "n", 7L, "d", new BigDecimal("0.50"), "list", List.of("A", "B")), Map.of(),
                "ADD PatientID var:entity_id", "REPLACE Rows var:n", "ADD SliceThickness var:d", "REPLACE OtherPatientIDs var:list");
        assertThat(text(ds, Tag.PatientID)).isEqualTo("SUID-1");
        assertThat(Values.longs(ds.get(Tag.Rows))).containsExactly(7);
        assertThat(text(ds, Tag.SliceThickness)).isEqualTo("0.5");
        assertThat(ds.getStrings(Tag.OtherPatientIDs)).containsExactly("A", "B");
    }

    @Test
    void aMissingVariableFailsTheImageWhereDeidKeepsTheOriginal() {
        assertThatThrownBy(() -> clean("REMOVE ALL", "REPLACE PatientName var:nothing"))
                .isInstanceOf(RecipeApplicationException.class)
                .hasMessage("PatientName (0010,0010): test.dicom line 2 (\"REPLACE PatientName var:nothing\"): "
                        + "variable nothing is not set for this image (var:nothing)");
        Map<String, Object> nullValue = vars("entity_id", null);
        assertThatThrownBy(() -> clean(nullValue, Map.of(), "ADD PatientID var:entity_id"))
                .hasMessageEndingWith("variable entity_id is not set for this image (var:entity_id)");
    }

    @Test
    void aRegisteredFunctionGetsTheFieldAndItsValue() throws Exception {
        RecipeFunction initials = (dataset, field, value, vars) -> field.tag() == Tag.PatientName
                ? value.substring(0, 1) + vars.get("suffix") : null;
        Dataset ds = clean(vars("suffix", "-X"), Map.of("initials", initials), "REPLACE PatientName func:initials");
        assertThat(text(ds, Tag.PatientName)).isEqualTo("S-X");
    }

    @Test
    void aFunctionWithoutAnAnswerFailsTheImage() {
        RecipeFunction none = (dataset, field, value, vars) -> null;
        assertThatThrownBy(() -> clean(Map.of(), Map.of("none", none), "REPLACE PatientID func:none"))
                .hasMessageEndingWith("function none answered no value (func:none)");
    }

    @Test
    void aFailingFunctionFailsTheImageWithoutItsMessage() {
        RecipeFunction leaky = (dataset, field, value, vars) -> {
            throw new IllegalStateException("cannot map " + value);
        };
        assertThatThrownBy(() -> clean(Map.of(), Map.of("leaky", leaky), "REPLACE PatientName func:leaky"))
                .hasMessageEndingWith("function leaky failed (java.lang.IllegalStateException)")
                .hasMessageNotContaining("SIMPSON");
    }

    @Test
    void removeWithAFunctionRemovesWhenItAnswersSomethingButFalse() throws Exception {
        RecipeFunction isName = (dataset, field, value, vars) -> value.contains("SIMPSON") ? "yes" : "False";
        Dataset ds = clean(Map.of(), Map.of("is_name", isName), "REMOVE PatientName func:is_name", "REMOVE PatientID func:is_name");
        assertThat(ds.contains(Tag.PatientName)).isFalse();
        assertThat(ds.contains(Tag.PatientID)).isTrue();
        RecipeFunction empty = (dataset, field, value, vars) -> "";
        assertThat(clean(Map.of(), Map.of("empty", empty), "REMOVE PatientName func:empty").contains(Tag.PatientName)).isTrue();
    }

    @Test
    void removeWithALiteralRemovesAsDeidDoes() throws Exception {
        assertThat(clean("REMOVE PatientName contains:foo").contains(Tag.PatientName)).isFalse();
    }

    @Test
    void addCreatesAtTopLevelByKeywordOrTagAndUnknownTagsAsShortText() throws Exception {
        Dataset ds = humans();
        ds.putString(0x00110010, VR.LO, "ACME 1.0");
        new HeaderCleaner(Recipes.recipe("ADD PatientIdentityRemoved YES", "ADD 00120062 YES", "ADD (0011,\"ACME 1.0\",05) x",
                "ADD (0013,1001) y"), Map.of(), new HeaderOptions(null, false)).clean(ds, Map.of());
        assertThat(ds.get(Tag.PatientIdentityRemoved).vr()).isEqualTo(VR.CS);
        assertThat(text(ds, Tag.PatientIdentityRemoved)).isEqualTo("YES");
        assertThat(text(ds, 0x00120062)).isEqualTo("YES");
        assertThat(text(ds, 0x00111005)).isEqualTo("x");
        assertThat(ds.get(0x00131001).vr()).isEqualTo(VR.ST);
        assertThat(item(ds).contains(Tag.PatientIdentityRemoved)).isFalse();
    }

    private static Dataset item(Dataset ds) {
        return Headers.item(ds, Tag.RequestAttributesSequence, 0);
    }

    @Test
    void replaceCreatesNothing() throws Exception {
        assertThat(clean("REPLACE PatientIdentityRemoved YES").contains(Tag.PatientIdentityRemoved)).isFalse();
    }

    @Test
    void replacingASequenceFailsTheImage() {
        assertThatThrownBy(() -> clean("REPLACE RequestAttributesSequence x"))
                .hasMessageEndingWith("REPLACE cannot give a sequence a value");
    }

    @Test
    void pydicomUuidIsPydicomsGenerateUidOfTheOriginal() throws Exception {
        // python3 -c "from pydicom.uid import generate_uid; print(generate_uid(prefix='2.25.', entropy_srcs=['1.2.3']))"
        assertThat(PydicomUid.stable("2.25.", "1.2.3")).isEqualTo("2.25.42667254854855371146572316403759285800383276999321124220519");
        // ... prefix='1.2.826.0.1.3680043.8.498.', entropy_srcs=['1.2.840.113619.2.55.3.604688119.969.1268071029.320']
        assertThat(PydicomUid.stable("1.2.826.0.1.3680043.8.498.", "1.2.840.113619.2.55.3.604688119.969.1268071029.320"))
                .isEqualTo("1.2.826.0.1.3680043.8.498.82417297349866737687034391819112422512");
        Dataset ds = humans();
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
        ds.putString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3");
        Headers.clean(ds, "REPLACE contains:SOPInstanceUID deid_func:pydicom_uuid");
        assertThat(text(ds, Tag.SOPInstanceUID)).isEqualTo("2.25.42667254854855371146572316403759285800383276999321124220519");
        assertThat(text(ds, Tag.ReferencedSOPInstanceUID)).isEqualTo(text(ds, Tag.SOPInstanceUID));
    }

    @Test
    void dicomUuidWritesTheRootAndARandomNumber() throws Exception {
        Dataset ds = clean("REPLACE SOPInstanceUID deid_func:dicom_uuid org_root=1.2.840.99999");
        assertThat(text(ds, Tag.SOPInstanceUID)).matches("1\\.2\\.840\\.99999\\.\\d{30,39}");
        assertThat(clean("REPLACE SOPInstanceUID deid_func:dicom_uuid org_root=1.2.840.99999").getString(Tag.SOPInstanceUID))
                .isNotEqualTo(text(ds, Tag.SOPInstanceUID));
    }

    @Test
    void basicAndSuffixUuidsAreNoUids() throws Exception {
        assertThatThrownBy(() -> Headers.cleaner(Recipes.recipe("REPLACE SOPInstanceUID deid_func:basic_uuid")))
                .isInstanceOf(RecipeException.class).hasMessageContaining("makes no valid UID");
        assertThatThrownBy(() -> clean("REPLACE contains:InstanceUID deid_func:suffix_uuid"))
                .isInstanceOf(RecipeApplicationException.class).hasMessageContaining("is not a UID");
        assertThat(text(clean("REPLACE PatientID deid_func:basic_uuid"), Tag.PatientID))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(text(clean("REPLACE PatientID deid_func:suffix_uuid"), Tag.PatientID)).matches("patientid-[0-9a-f-]{36}");
    }

    @Test
    void theJitterBuiltInShiftsByYearsAndDays() throws Exception {
        assertThat(text(clean("REPLACE StudyDate deid_func:jitter days=2 years=1"), Tag.StudyDate)).isEqualTo("20240103");
        assertThat(text(clean("REPLACE StudyDate deid_func:jitter"), Tag.StudyDate)).isEqualTo("20230102");
    }

    @Test
    void aNestedFieldIsNamedByItsPathsAndNeverByItsValue() {
        assertThatThrownBy(() -> clean("REPLACE RequestAttributesSequence__RequestedProcedureCodeSequence__CodeValue var:code"))
                .hasMessage("CodeValue at (0040,0275)__0__(0032,1064)__0__(0008,0100) "
                        + "(RequestAttributesSequence__RequestedProcedureCodeSequence__CodeValue): test.dicom line 1 "
                        + "(\"REPLACE RequestAttributesSequence__RequestedProcedureCodeSequence__CodeValue var:code\"): "
                        + "variable code is not set for this image (var:code)");
    }

    @Test
    void aPrivateAddWithoutItsCreatorsBlockFailsTheImage() {
        assertThatThrownBy(() -> clean("ADD (0011,\"ACME 1.0\",05) x"))
                .isInstanceOf(RecipeApplicationException.class)
                .hasMessage("test.dicom line 1 (\"ADD (0011,\"ACME 1.0\",05) x\"): the data set has no block of private creator "
                        + "\"ACME 1.0\" in group 0011 to add the element to");
    }

    @Test
    void aReplaceByValuesAlsoKeepsRemoveOff() throws Exception {
        Recipe recipe = Recipes.builder().values("names", "SPLIT PatientName ^ 4")
                .header("REMOVE ALL", "REPLACE values:names X").build();
        Dataset ds = humans();
        new HeaderCleaner(recipe, Map.of(), new HeaderOptions(null, false)).clean(ds, Map.of());
        assertThat(ds.elements()).extracting(Element::tag).containsExactly(Tag.PatientName, Headers.MITRA_1E);
        assertThat(text(ds, Tag.PatientName)).isEqualTo("X");
    }
}
