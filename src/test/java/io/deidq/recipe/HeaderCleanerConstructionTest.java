package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.dict.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.deidq.recipe.Headers.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the cleaner refuses when it is built, with the line at fault, and that one cleaner serves many threads. */
class HeaderCleanerConstructionTest {

    private static void refused(Recipe recipe, String reason) {
        assertThatThrownBy(() -> Headers.cleaner(recipe))
                .isInstanceOf(RecipeException.class)
                .hasMessageEndingWith(reason)
                .satisfies(e -> assertThat(((RecipeException) e).origin()).isEqualTo(recipe.header().isEmpty()
                        ? ((RecipeException) e).origin() : recipe.header().get(recipe.header().size() - 1).origin()));
    }

    @Test
    void aFunctionNotRegistered() {
        refused(Recipes.recipe("KEEP PatientName", "REPLACE PatientID func:lookup"),
                "test.dicom line 2 (\"REPLACE PatientID func:lookup\"): no function lookup is registered (func:lookup)");
    }

    @Test
    void aListNotDefined() {
        refused(Recipes.recipe("REPLACE values:names X"), "no %values names is defined");
        refused(Recipes.recipe("REMOVE fields:private"), "no %fields private is defined");
    }

    @Test
    void aBuiltInItCannotRun() {
        refused(Recipes.recipe("REPLACE PatientID deid_func:md5"), "deid has no built-in function md5 (jitter, dicom_uuid, pydicom_uuid, basic_uuid, suffix_uuid)");
        refused(Recipes.recipe("REPLACE SOPInstanceUID deid_func:pydicom_uuid stable_remaping=false"),
                "deid_func:pydicom_uuid takes no option stable_remaping");
        refused(Recipes.recipe("REPLACE SOPInstanceUID deid_func:pydicom_uuid stable_remapping=yes"),
                "deid_func:pydicom_uuid: stable_remapping must be true or false");
        refused(Recipes.recipe("REPLACE SOPInstanceUID deid_func:pydicom_uuid prefix=2.25"),
                "deid_func:pydicom_uuid: the prefix must be digits and dots, ending with a dot (such as 2.25.)");
        refused(Recipes.recipe("REPLACE StudyDate deid_func:jitter days=two"), "deid_func:jitter: days must be a whole number");
        refused(Recipes.recipe("JITTER StudyDate deid_func:jitter"), "JITTER takes a whole number of days or var:/func:, not a deid_func");
    }

    @Test
    void anAddThatNamesNoOneElement() {
        refused(Recipes.recipe("ADD contains:Patient X"), "ADD writes one element named by keyword or tag, not a selection of fields");
        refused(Recipes.recipe("ADD PatientNam X"), "ADD names no element of the dictionary: PatientNam is neither a keyword nor a tag (gggg,eeee)");
        refused(Recipes.recipe("ADD TransferSyntaxUID 1.2.840.10008.1.2"),
                "ADD cannot write File Meta Information: the writer makes it from the data set");
        refused(Recipes.recipe("ADD PixelData 0"), "ADD cannot write PixelData: deid's index leaves it out, so no recipe line may change it");
    }

    @Test
    void anActionWithoutItsValue() {
        Recipe recipe = new Recipe(List.of("test.dicom"), List.of(new HeaderAction(HeaderAction.Action.REPLACE,
                new Selector.Field("PatientID"), null, new Origin("test.dicom", 3, "REPLACE PatientID"))), List.of(), Map.of(), Map.of());
        refused(recipe, "REPLACE needs a value");
    }

    @Test
    void aListSelectingByAnotherList() {
        Recipe recipe = Recipes.builder().values("a", "FIELD PatientName").values("b", "FIELD values:a").build();
        assertThatThrownBy(() -> Headers.cleaner(recipe)).isInstanceOf(RecipeException.class)
                .hasMessageEndingWith("a %values or %fields list cannot select by another list");
    }

    @Test
    void oneCleanerServesManyThreads() throws Exception {
        HeaderCleaner cleaner = new HeaderCleaner(Recipes.recipe("REPLACE select:VR:UI func:remap_uid", "JITTER StudyDate var:jitter",
                "REPLACE PatientName var:entity_id", "KEEP CodeValue"),
                Map.of(UidRemapper.NAME, new UidRemapper(new byte[32])), new HeaderOptions(HeaderAction.Action.REMOVE, true));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    Dataset ds = Headers.humans();
                    cleaner.clean(ds, Headers.vars("jitter", n % 7, "entity_id", "E" + n));
                    return List.of(text(ds, Tag.SOPInstanceUID), text(ds, Tag.StudyDate), text(ds, Tag.PatientName),
                            String.valueOf(ds.size()));
                }));
            }
            String remapped = new UidRemapper(new byte[32]).remap("1.2.826.0.1.3680043.9.7.1.1");
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).containsExactly(remapped, "2023010" + (1 + i % 7), "E" + i, "6");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
