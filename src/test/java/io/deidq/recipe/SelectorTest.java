package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.deidq.recipe.Headers.MITRA_1E;
import static io.deidq.recipe.Headers.clean;
import static io.deidq.recipe.Headers.humans;
import static io.deidq.recipe.Headers.item;
import static io.deidq.recipe.Headers.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Every selector of reference 1.4, at top level, nested and on private elements. */
class SelectorTest {

    private static Dataset nested(Dataset ds) {
        Dataset request = item(ds, Tag.RequestAttributesSequence, 0);
        return item(request, Tag.RequestedProcedureCodeSequence, 0);
    }

    private static Dataset topCode(Dataset ds) {
        return item(ds, Tag.RequestedProcedureCodeSequence, 0);
    }

    private static Dataset cleanWith(Dataset ds, Selector selector, String replacement) throws Exception {
        HeaderAction action = new HeaderAction(HeaderAction.Action.REPLACE, selector, new Value.Literal(replacement),
                new Origin(Recipes.SOURCE, 1, "REPLACE " + selector));
        Recipe recipe = new Recipe(List.of(Recipes.SOURCE), List.of(action), List.of(), Map.of(), Map.of());
        Headers.cleaner(recipe).clean(ds, Map.of());
        return ds;
    }

    @Test
    void aKeywordMatchesEveryOccurrenceAtEveryDepthInAnyCase() throws Exception {
        Dataset ds = clean(humans(), "REPLACE codevalue XX");
        assertThat(text(topCode(ds), Tag.CodeValue)).isEqualTo("XX");
        assertThat(text(nested(ds), Tag.CodeValue)).isEqualTo("XX");
        assertThat(text(nested(ds), Tag.CodeMeaning)).isEqualTo("Head");
    }

    @Test
    void bothTagFormsMatchAtEveryDepth() throws Exception {
        Dataset ds = clean(humans(), "REPLACE (0008,0100) XX", "REPLACE 00080104 YY");
        assertThat(text(topCode(ds), Tag.CodeValue)).isEqualTo("XX");
        assertThat(text(nested(ds), Tag.CodeValue)).isEqualTo("XX");
        assertThat(text(topCode(ds), Tag.CodeMeaning)).isEqualTo("YY");
        assertThat(text(nested(ds), Tag.CodeMeaning)).isEqualTo("YY");
    }

    @Test
    void anElementNameMatchesAsPydicomNamesIt() throws Exception {
        Dataset ds = cleanWith(humans(), new Selector.Field("patient's name"), "ANON");
        assertThat(text(ds, Tag.PatientName)).isEqualTo("ANON");
        assertThat(text(ds, Tag.PatientID)).isEqualTo("M1212121");
    }

    @Test
    void aNestedNamePathMatchesOnlyThere() throws Exception {
        Dataset ds = clean(humans(), "REPLACE RequestAttributesSequence__RequestedProcedureCodeSequence__CodeValue YY");
        assertThat(text(nested(ds), Tag.CodeValue)).isEqualTo("YY");
        assertThat(text(topCode(ds), Tag.CodeValue)).isEqualTo("XR");
    }

    @Test
    void aUidPathMatchesOneOccurrence() throws Exception {
        Dataset ds = clean(humans(), "REPLACE (0040,0275)__0__(0032,1064)__0__(0008,0100) ZZ");
        assertThat(text(nested(ds), Tag.CodeValue)).isEqualTo("ZZ");
        assertThat(text(topCode(ds), Tag.CodeValue)).isEqualTo("XR");
    }

    @Test
    void aPrivateTagMatchesByCreatorInAnyCaseAtAnyDepth() throws Exception {
        Dataset ds = humans();
        Dataset request = item(ds, Tag.RequestAttributesSequence, 0);
        request.putString(0x00090010, VR.LO, "ACME 1.0");
        request.putString(0x00091001, VR.LO, "HOMER");
        request.putString(0x00090011, VR.LO, "OTHER");
        request.putString(0x00091101, VR.LO, "NOT THIS ONE");
        clean(ds, "REPLACE (0009,\"acme 1.0\",01) X");
        assertThat(text(request, 0x00091001)).isEqualTo("X");
        assertThat(text(request, 0x00091101)).isEqualTo("NOT THIS ONE");
    }

    @Test
    void containsIsARegexOverNamesAndTags() throws Exception {
        Dataset ds = clean(humans(), "REMOVE contains:0029");
        assertThat(ds.contains(Headers.CSA_CREATOR)).isFalse();
        assertThat(ds.contains(Headers.CSA_21)).isFalse();
        assertThat(ds.contains(Headers.MITRA_CREATOR)).isTrue();
        assertThat(clean(humans(), "REMOVE contains:Patient.s\\sName").contains(Tag.PatientName))
                .as("the element name is searched too").isFalse();
    }

    @Test
    void endswithTestsTheEndOfKeywordAndName() throws Exception {
        Dataset ds = clean(humans(), "REMOVE endswith:Date");
        assertThat(ds.contains(Tag.StudyDate)).isFalse();
        assertThat(ds.contains(Tag.AcquisitionDateTime)).isTrue();
    }

    @Test
    void startswithTestsTheStartOfKeywordAndName() throws Exception {
        Dataset ds = clean(humans(), "REMOVE startswith:Patient");
        assertThat(ds.contains(Tag.PatientName)).isFalse();
        assertThat(ds.contains(Tag.PatientID)).isFalse();
        assertThat(ds.contains(Tag.OtherPatientIDs)).isTrue();
        assertThat(ds.contains(Tag.PregnancyStatus)).isTrue();
    }

    @Test
    void exceptSelectsEveryFieldThatContainsDoesNot() throws Exception {
        Dataset ds = clean(humans(), "REMOVE except:Manufacturer");
        assertThat(ds.elements()).extracting(Element::tag).containsExactly(Tag.Manufacturer);
    }

    @Test
    void selectVrIncludesPrivateElements() throws Exception {
        Dataset ds = humans();
        ds.putString(0x00090010, VR.LO, "ACME 1.0");
        ds.putString(0x00091002, VR.PN, "FLANDERS^NED");
        clean(ds, "BLANK select:VR:PN");
        assertThat(text(ds, Tag.PatientName)).isEmpty();
        assertThat(text(ds, 0x00091002)).isEmpty();
        assertThat(text(ds, Tag.PatientID)).isEqualTo("M1212121");
    }

    @Test
    void selectGroupSelectsAHexGroup() throws Exception {
        Dataset ds = clean(humans(), "REMOVE select:group:0010");
        assertThat(ds.contains(Tag.PatientName)).isFalse();
        assertThat(ds.contains(Tag.PatientID)).isFalse();
        assertThat(ds.contains(Tag.OtherPatientIDs)).isFalse();
        assertThat(ds.contains(Tag.PregnancyStatus)).isFalse();
        assertThat(ds.contains(Tag.StudyDate)).isTrue();
    }

    @Test
    void allBlanksEveryFieldAndEmptiesSequences() throws Exception {
        Dataset ds = clean(humans(), "BLANK ALL");
        for (Element e : ds) {
            assertThat(e.isEmpty()).as("%s", e).isTrue();
        }
        assertThat(ds.size()).isEqualTo(humans().size());
    }

    @Test
    void aFieldsListIsReExpandedByTagAtEveryDepth() throws Exception {
        Recipe recipe = Recipes.builder()
                .fields("codes", "RequestAttributesSequence__RequestedProcedureCodeSequence__CodeValue")
                .header("REPLACE fields:codes X").build();
        Dataset ds = humans();
        Headers.cleaner(recipe).clean(ds, Map.of());
        assertThat(text(nested(ds), Tag.CodeValue)).isEqualTo("X");
        assertThat(text(topCode(ds), Tag.CodeValue)).isEqualTo("X");
        assertThat(text(topCode(ds), Tag.CodeMeaning)).isEqualTo("Chest");
    }

    @Test
    void aValuesListMatchesItsEntriesLiterallyInAnyCaseInEveryField() throws Exception {
        Recipe recipe = Recipes.builder()
                .values("names", "SPLIT PatientName ^ 4", "FIELD OtherPatientIDs")
                .header("REPLACE values:names REDACTED").build();
        Dataset ds = humans();
        item(ds, Tag.RequestAttributesSequence, 0).putString(Tag.RequestedProcedureID, VR.SH, "homer's id");
        Headers.cleaner(recipe).clean(ds, Map.of());
        assertThat(text(ds, Tag.PatientName)).isEqualTo("REDACTED");
        assertThat(text(ds, MITRA_1E)).isEqualTo("REDACTED");
        assertThat(text(ds, Tag.OtherPatientIDs)).isEqualTo("REDACTED");
        assertThat(text(item(ds, Tag.RequestAttributesSequence, 0), Tag.RequestedProcedureID)).isEqualTo("REDACTED");
        assertThat(text(ds, Tag.PatientID)).isEqualTo("M1212121");
        assertThat(text(ds, Tag.Manufacturer)).isEqualTo("SIEMENS");
    }

    @Test
    void aWholeValueWithRegexCharactersIsFoundLiterally() throws Exception {
        Recipe recipe = Recipes.builder().values("whole", "FIELD PatientName").header("REPLACE values:whole X").build();
        Dataset ds = humans();
        Headers.cleaner(recipe).clean(ds, Map.of());
        assertThat(text(ds, Tag.PatientName)).as("deid's unescaped regex matches nothing here").isEqualTo("X");
        assertThat(text(ds, MITRA_1E)).isEqualTo("SIMPSON^HOMER");
    }

    @Test
    void aValuesSelectionIsDecidedOnTheValueTheFieldHasWhenTheActionRuns() throws Exception {
        Recipe recipe = Recipes.builder().values("names", "SPLIT PatientName ^ 4")
                .header("REPLACE PatientName NOBODY", "REPLACE values:names X").build();
        Dataset ds = humans();
        Headers.cleaner(recipe).clean(ds, Map.of());
        assertThat(text(ds, Tag.PatientName)).isEqualTo("NOBODY");
        assertThat(text(ds, MITRA_1E)).isEqualTo("X");
    }

    @Test
    void keepingASequenceShieldsWhatItHolds() throws Exception {
        Dataset ds = clean(humans(), "KEEP RequestAttributesSequence", "REMOVE CodeValue");
        assertThat(nested(ds).contains(Tag.CodeValue)).isTrue();
        assertThat(topCode(ds).contains(Tag.CodeValue)).isFalse();
    }

    @Test
    void anUnknownNameSelectsNothing() throws Exception {
        Dataset ds = clean(humans(), "REMOVE NoSuchKeyword", "REMOVE allfields");
        assertThat(ds.size()).isEqualTo(humans().size());
    }
}
