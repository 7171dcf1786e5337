package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.deidq.recipe.HeaderAction.Action.BLANK;
import static io.deidq.recipe.HeaderAction.Action.REMOVE;
import static io.deidq.recipe.Headers.CSA_21;
import static io.deidq.recipe.Headers.CSA_CREATOR;
import static io.deidq.recipe.Headers.MITRA_1E;
import static io.deidq.recipe.Headers.MITRA_CREATOR;
import static io.deidq.recipe.Headers.humans;
import static io.deidq.recipe.Headers.item;
import static io.deidq.recipe.Headers.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The options after the recipe: the default action on fields no action reached, then private-tag removal. */
class DefaultActionTest {

    private static Dataset clean(HeaderOptions options, String... lines) throws Exception {
        Dataset ds = humans();
        new HeaderCleaner(Recipes.recipe(lines), Map.of(), options).clean(ds, Map.of());
        return ds;
    }

    @Test
    void blankByDefaultBlanksWhatNoActionReached() throws Exception {
        Dataset ds = clean(new HeaderOptions(BLANK, false), "KEEP PatientName", "REPLACE PatientID X", "REMOVE StudyDate");
        assertThat(text(ds, Tag.PatientName)).isEqualTo("SIMPSON^HOMER^J^");
        assertThat(text(ds, Tag.PatientID)).isEqualTo("X");
        assertThat(ds.contains(Tag.StudyDate)).isFalse();
        assertThat(ds.get(Tag.Manufacturer).isEmpty()).isTrue();
        assertThat(ds.get(Tag.PregnancyStatus).isEmpty()).isTrue();
        assertThat(ds.get(MITRA_1E).isEmpty()).isTrue();
        assertThat(ds.get(Tag.RequestedProcedureCodeSequence).sequence().size()).isZero();
        assertThat(ds.size()).isEqualTo(humans().size() - 1);
    }

    @Test
    void aSequenceWithAReachedFieldInsideStaysAndItsOtherFieldsGetTheDefault() throws Exception {
        Dataset ds = clean(new HeaderOptions(REMOVE, false), "KEEP CodeMeaning");
        assertThat(ds.elements()).extracting(Element::tag)
                .containsExactly(Tag.RequestedProcedureCodeSequence, Tag.RequestAttributesSequence);
        Dataset code = item(ds, Tag.RequestedProcedureCodeSequence, 0);
        assertThat(code.elements()).extracting(Element::tag).containsExactly(Tag.CodeMeaning);
        Dataset request = item(ds, Tag.RequestAttributesSequence, 0);
        assertThat(request.elements()).extracting(Element::tag).containsExactly(Tag.RequestedProcedureCodeSequence);
        assertThat(text(item(request, Tag.RequestedProcedureCodeSequence, 0), Tag.CodeMeaning)).isEqualTo("Head");
    }

    @Test
    void aPrivateCreatorStaysWhileAnElementOfItsBlockStays() throws Exception {
        Dataset ds = clean(new HeaderOptions(REMOVE, false), "KEEP 0033101E");
        assertThat(ds.elements()).extracting(Element::tag).containsExactly(MITRA_CREATOR, MITRA_1E);
    }

    @Test
    void removePrivateRemovesEveryPrivateElementNoKeepReached() throws Exception {
        Dataset ds = humans();
        Dataset request = item(ds, Tag.RequestAttributesSequence, 0);
        request.putString(0x00090010, VR.LO, "ACME 1.0");
        request.putString(0x00091001, VR.LO, "HOMER");
        ds.putString(0x00110010, VR.LO, "ACME 1.0");
        ds.put(Headers.sequence(0x00111001, Headers.code("P", "Private")));
        new HeaderCleaner(Recipes.recipe("REPLACE (0029,\"SIEMENS CSA HEADER\",21) 20221128", "KEEP 0033101E"), Map.of(),
                new HeaderOptions(null, true)).clean(ds, Map.of());
        assertThat(ds.contains(CSA_21)).isFalse();
        assertThat(ds.contains(CSA_CREATOR)).isFalse();
        assertThat(ds.contains(0x00110010)).isFalse();
        assertThat(ds.contains(0x00111001)).isFalse();
        assertThat(text(ds, MITRA_1E)).isEqualTo("SIMPSON^HOMER");
        assertThat(ds.contains(MITRA_CREATOR)).isTrue();
        assertThat(request.contains(0x00090010)).isFalse();
        assertThat(request.contains(0x00091001)).isFalse();
        assertThat(text(ds, Tag.PatientName)).isEqualTo("SIMPSON^HOMER^J^");
    }

    @Test
    void aKeptSequenceKeepsItsPublicElementsButNotThePrivateOnesUnlessAKeepNamesThem() throws Exception {
        Dataset ds = humans();
        Dataset request = item(ds, Tag.RequestAttributesSequence, 0);
        request.putString(0x00090010, VR.LO, "ACME 1.0");
        request.putString(0x00091001, VR.LO, "HOMER");
        request.putString(0x00091002, VR.LO, "kept");
        int publicElements = request.size() - 3;
        new HeaderCleaner(Recipes.recipe("KEEP RequestAttributesSequence", "KEEP (0009,\"ACME 1.0\",02)"), Map.of(),
                new HeaderOptions(REMOVE, true)).clean(ds, Map.of());
        assertThat(ds.elements()).extracting(Element::tag).containsExactly(Tag.RequestAttributesSequence);
        assertThat(request.contains(0x00091001)).isFalse();
        assertThat(text(request, 0x00091002)).isEqualTo("kept");
        assertThat(request.contains(0x00090010)).isTrue();
        assertThat(request.size()).isEqualTo(publicElements + 2);
    }

    @Test
    void anyOtherDefaultIsRefused() {
        assertThatThrownBy(() -> new HeaderOptions(HeaderAction.Action.KEEP, false)).isInstanceOf(IllegalArgumentException.class);
    }

    /** reference 1.5: with deid, a REPLACE whose variable is absent does nothing yet vetoes REMOVE, and the name and dates survive. */
    @Test
    void deidsLeakFailsTheImage() {
        assertThatThrownBy(() -> clean(new HeaderOptions(null, false), "REMOVE ALL", "REPLACE endswith:Date var:nothing",
                "REMOVE PatientName", "REPLACE PatientName var:nothing"))
                .isInstanceOf(RecipeApplicationException.class)
                .hasMessageContaining("variable nothing is not set for this image")
                .hasMessageNotContaining("2023").hasMessageNotContaining("SIMPSON");
    }
}
